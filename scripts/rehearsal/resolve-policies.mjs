// Resolves the IAM side of a synthesized CloudFormation template with the fake values of
// ./resolve-definition.mjs, so that an ARN in a policy is the very ARN a resolved definition calls:
// every role with its policies (AWS::IAM::Policy and AWS::IAM::ManagedPolicy attached to it, inline
// Policies, ManagedPolicyArns), the role each state machine and each custom resource runs as, the
// custom resources' SDK calls (aws-cdk-lib AwsCustomResource `Create`/`Update`/`Delete`), KMS key
// policies, launch templates, Auto Scaling groups, instance profiles and topics (what a request needs to
// be authorized as AWS authorizes it).
//
// Used by ./resolve.mjs --policies and the rehearsal's authorizer. Pure: no I/O, no dependencies.

import { createResolver, customPhysicalId } from './resolve-definition.mjs';

function entries(template, type) {
  return Object.entries(template?.Resources ?? {}).filter(([, r]) => r?.Type === type);
}

function list(value) {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The AwsSdkCall of an AwsCustomResource property (a JSON string once resolved), or null. */
function sdkCall(resolver, node, physicalId) {
  if (node === undefined) return null;
  let value = resolver.resolve(node);
  if (typeof value === 'string') {
    // The provider replaces this marker by the resource's physical id (aws-cdk-lib custom-resources PHYSICAL_RESOURCE_ID_REFERENCE).
    value = value.split('PHYSICAL:RESOURCEID:').join(physicalId ?? '');
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return value && typeof value === 'object' && typeof value.service === 'string' && typeof value.action === 'string'
    ? { service: value.service, action: value.action, parameters: value.parameters ?? {} }
    : null;
}

/**
 * resolvePolicies(templateJson, { stackName }) -> {
 *   roles: { [logicalId]: { logicalId, name, arn, policies: [{ name, source, document }], managedPolicyArns: [] } },
 *   stateMachines: { [logicalId]: { role, name, arn } },
 *   customResources: [{ logicalId, type, role, physicalId, calls: { Create?, Update?, Delete? } }],
 *   keyPolicies: { [keyArn]: document }, topics: { [topicArn]: { kmsMasterKeyId } },
 *   launchTemplates: { [id]: { logicalId, data } }, groups: { [name]: { logicalId, subnets, launchTemplateId } },
 *   instanceProfiles: { [nameOrArn]: { arn, roles: [roleArn] } }
 * }
 * `managedPolicyArns` lists the attached policies whose document is not in the template (AWS managed ones).
 */
export function resolvePolicies(template, options = {}) {
  const resolver = createResolver(template, options);
  const R = (node) => resolver.resolve(node);
  const resources = template?.Resources ?? {};

  const roles = {};
  const roleByValue = new Map(); // Ref (the name) and Arn of each role -> its logical id
  for (const [logicalId, role] of entries(template, 'AWS::IAM::Role')) {
    const name = R({ Ref: logicalId });
    const arn = R({ 'Fn::GetAtt': [logicalId, 'Arn'] });
    const props = role.Properties ?? {};
    roles[logicalId] = {
      logicalId,
      name,
      arn,
      policies: list(props.Policies).map((p) => ({ name: R(p.PolicyName), source: 'inline', document: R(p.PolicyDocument) })),
      managedPolicyArns: list(R(props.ManagedPolicyArns ?? [])),
    };
    roleByValue.set(name, logicalId);
    roleByValue.set(arn, logicalId);
  }

  const attach = (roleValues, policy) => {
    for (const value of list(roleValues)) {
      const logicalId = roleByValue.get(value);
      if (logicalId) roles[logicalId].policies.push(policy);
    }
  };
  for (const [, policy] of entries(template, 'AWS::IAM::Policy')) {
    const props = policy.Properties ?? {};
    attach(R(props.Roles ?? []), { name: R(props.PolicyName), source: 'AWS::IAM::Policy', document: R(props.PolicyDocument) });
  }
  for (const [logicalId, policy] of entries(template, 'AWS::IAM::ManagedPolicy')) {
    const props = policy.Properties ?? {};
    const arn = R({ Ref: logicalId });
    const document = R(props.PolicyDocument);
    attach(R(props.Roles ?? []), { name: props.ManagedPolicyName ?? logicalId, source: 'AWS::IAM::ManagedPolicy', document });
    for (const role of Object.values(roles)) {
      const at = role.managedPolicyArns.indexOf(arn);
      if (at >= 0) {
        role.managedPolicyArns.splice(at, 1);
        role.policies.push({ name: props.ManagedPolicyName ?? logicalId, source: 'AWS::IAM::ManagedPolicy', document });
      }
    }
  }

  const stateMachines = {};
  for (const [logicalId, machine] of entries(template, 'AWS::StepFunctions::StateMachine')) {
    const props = machine.Properties ?? {};
    stateMachines[logicalId] = {
      role: roleByValue.get(R(props.RoleArn)) ?? null,
      name: props.StateMachineName !== undefined ? R(props.StateMachineName) : logicalId,
      arn: R({ Ref: logicalId }),
    };
  }

  const customResources = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const props = resource?.Properties ?? {};
    if (!`${resource?.Type}`.startsWith('Custom::') || props.ServiceToken === undefined) continue;
    const token = props.ServiceToken['Fn::GetAtt']?.[0];
    const fn = token ? resources[token] : undefined;
    const role = fn?.Type === 'AWS::Lambda::Function' ? roleByValue.get(R(fn.Properties?.Role)) ?? null : null;
    const physicalId = customPhysicalId(template, logicalId, options) ?? null;
    const calls = {};
    for (const event of ['Create', 'Update', 'Delete']) {
      const call = sdkCall(resolver, props[event], physicalId);
      if (call) calls[event] = call;
    }
    customResources.push({ logicalId, type: resource.Type, role, physicalId, calls });
  }

  const keyPolicies = {};
  for (const [logicalId, key] of entries(template, 'AWS::KMS::Key')) {
    keyPolicies[R({ 'Fn::GetAtt': [logicalId, 'Arn'] })] = R(key.Properties?.KeyPolicy ?? null);
  }

  const topics = {};
  for (const [logicalId, topic] of entries(template, 'AWS::SNS::Topic')) {
    const key = topic.Properties?.KmsMasterKeyId;
    topics[R({ Ref: logicalId })] = { kmsMasterKeyId: key === undefined ? null : R(key) };
  }

  const launchTemplates = {};
  for (const [logicalId, lt] of entries(template, 'AWS::EC2::LaunchTemplate')) {
    launchTemplates[R({ Ref: logicalId })] = { logicalId, data: R(lt.Properties?.LaunchTemplateData ?? {}) };
  }

  const groups = {};
  for (const [logicalId, group] of entries(template, 'AWS::AutoScaling::AutoScalingGroup')) {
    const props = group.Properties ?? {};
    groups[R({ Ref: logicalId })] = {
      logicalId,
      subnets: list(R(props.VPCZoneIdentifier ?? [])),
      launchTemplateId: props.LaunchTemplate?.LaunchTemplateId !== undefined ? R(props.LaunchTemplate.LaunchTemplateId) : null,
    };
  }

  const instanceProfiles = {};
  for (const [logicalId, profile] of entries(template, 'AWS::IAM::InstanceProfile')) {
    const entry = { arn: R({ 'Fn::GetAtt': [logicalId, 'Arn'] }), roles: list(R(profile.Properties?.Roles ?? [])).map((r) => roles[roleByValue.get(r)]?.arn ?? r) };
    instanceProfiles[R({ Ref: logicalId })] = entry;
    instanceProfiles[entry.arn] = entry;
  }

  return { roles, stateMachines, customResources, keyPolicies, topics, launchTemplates, groups, instanceProfiles };
}
