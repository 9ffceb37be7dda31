// Resolves the Amazon States Language definitions of the AWS::StepFunctions::StateMachine
// resources in a synthesized CloudFormation template into concrete JSON objects.
//
// CloudFormation intrinsics are replaced by deterministic fake values:
//   Ref / Fn::GetAtt  -> a syntactically valid fake ARN / name chosen by the target's resource type
//                        (see fakeRefValue / fakeGetAttValue), keyed by the target's logical id; a
//                        custom resource's Ref is its physical id as its Create call defines it
//                        (see customPhysicalId)
//   AWS::Partition    -> aws            AWS::Region    -> us-east-1
//   AWS::AccountId    -> 123456789012   AWS::URLSuffix -> amazonaws.com
// DefinitionString may be a string, Fn::Join, Fn::Sub (both forms) or nest other intrinsics
// (Fn::Select, Fn::Split, Fn::If, Fn::ImportValue, Fn::Base64, ...). DefinitionSubstitutions are
// applied afterwards (as CloudFormation does). The object form `Definition` is supported too.
//
// Used by tests/lint/lint-templates.mjs, tests/lint/write-definitions.mjs and the offline
// rehearsal engine. Pure: no I/O, no dependencies.

export const FAKE = Object.freeze({
  partition: 'aws',
  region: 'us-east-1',
  accountId: '123456789012',
  urlSuffix: 'amazonaws.com',
});

const { partition: P, region: R, accountId: A, urlSuffix: U } = FAKE;

/** Deterministic 16-hex-digit suffix for ids that AWS makes unique (ELB, launch templates, ...). */
export function fakeHex(seed, length = 16) {
  // FNV-1a, 32-bit, repeated with a counter until long enough.
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of `${seed}`) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function serviceOf(type) {
  // AWS::ElasticLoadBalancingV2::TargetGroup -> elasticloadbalancingv2; Custom::X -> custom
  const parts = `${type}`.split('::');
  return (parts.length >= 2 ? parts[parts.length === 2 ? 0 : 1] : parts[0] || 'unknown').toLowerCase();
}

function genericArn(type, id) {
  return `arn:${P}:${serviceOf(type)}:${R}:${A}:${id}`;
}

/**
 * The fake value of { Ref: logicalId } for a resource of the given CloudFormation type.
 * Where CloudFormation's Ref returns a name we return the logical id (DynamoDB table, ASG, ...);
 * where it returns an ARN we return a fake ARN. Lambda functions deliberately resolve to their ARN
 * (valid wherever a function name is accepted).
 */
export function fakeRefValue(logicalId, type) {
  const id = logicalId;
  switch (type) {
    case 'AWS::Lambda::Function':
      return `arn:${P}:lambda:${R}:${A}:function:${id}`;
    case 'AWS::Lambda::Alias':
    case 'AWS::Lambda::Version':
      return `arn:${P}:lambda:${R}:${A}:function:${id}:1`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:${P}:states:${R}:${A}:stateMachine:${id}`;
    case 'AWS::StepFunctions::Activity':
      return `arn:${P}:states:${R}:${A}:activity:${id}`;
    case 'AWS::SNS::Topic':
      return `arn:${P}:sns:${R}:${A}:${id}`;
    case 'AWS::SQS::Queue':
      return `https://sqs.${R}.${U}/${A}/${id}`;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
    case 'AWS::IAM::InstanceProfile':
    case 'AWS::AutoScaling::AutoScalingGroup':
    case 'AWS::AutoScaling::LaunchConfiguration':
    case 'AWS::CloudWatch::Alarm':
    case 'AWS::CloudWatch::CompositeAlarm':
    case 'AWS::Logs::LogGroup':
    case 'AWS::SSM::Parameter':
    case 'AWS::S3::Bucket':
    case 'AWS::Events::Rule':
    case 'AWS::Events::EventBus':
      return id;
    case 'AWS::IAM::ManagedPolicy':
      return `arn:${P}:iam::${A}:policy/${id}`;
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      return `arn:${P}:elasticloadbalancing:${R}:${A}:targetgroup/${id.slice(0, 32)}/${fakeHex(id)}`;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return `arn:${P}:elasticloadbalancing:${R}:${A}:loadbalancer/app/${id.slice(0, 32)}/${fakeHex(id)}`;
    case 'AWS::ElasticLoadBalancingV2::Listener':
      return `arn:${P}:elasticloadbalancing:${R}:${A}:listener/app/lb/${fakeHex('lb')}/${fakeHex(id)}`;
    case 'AWS::ElasticLoadBalancingV2::ListenerRule':
      return `arn:${P}:elasticloadbalancing:${R}:${A}:listener-rule/app/lb/${fakeHex('lb')}/${fakeHex('listener')}/${fakeHex(id)}`;
    case 'AWS::EC2::LaunchTemplate':
      return `lt-${fakeHex(id, 17)}`;
    case 'AWS::EC2::SecurityGroup':
      return `sg-${fakeHex(id, 17)}`;
    case 'AWS::EC2::VPC':
      return `vpc-${fakeHex(id, 17)}`;
    case 'AWS::EC2::Subnet':
      return `subnet-${fakeHex(id, 17)}`;
    case 'AWS::EC2::Instance':
      return `i-${fakeHex(id, 17)}`;
    case 'AWS::KMS::Key':
      return `${fakeHex(id, 8)}-${fakeHex(id + 1, 4)}-${fakeHex(id + 2, 4)}-${fakeHex(id + 3, 4)}-${fakeHex(id + 4, 12)}`;
    default:
      return genericArn(type, id);
  }
}

/** The fake value of { Fn::GetAtt: [logicalId, attribute] } for a resource of the given type. */
export function fakeGetAttValue(logicalId, type, attribute) {
  const id = logicalId;
  const attr = `${attribute}`;
  switch (type) {
    case 'AWS::Lambda::Function':
      if (attr === 'Arn') return `arn:${P}:lambda:${R}:${A}:function:${id}`;
      break;
    case 'AWS::StepFunctions::StateMachine':
      if (attr === 'Arn') return fakeRefValue(id, type);
      if (attr === 'Name') return id;
      break;
    case 'AWS::SNS::Topic':
      if (attr === 'TopicArn') return fakeRefValue(id, type);
      if (attr === 'TopicName') return id;
      break;
    case 'AWS::SQS::Queue':
      if (attr === 'Arn') return `arn:${P}:sqs:${R}:${A}:${id}`;
      if (attr === 'QueueName') return id;
      if (attr === 'QueueUrl') return fakeRefValue(id, type);
      break;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      if (attr === 'Arn') return `arn:${P}:dynamodb:${R}:${A}:table/${id}`;
      if (attr === 'StreamArn') return `arn:${P}:dynamodb:${R}:${A}:table/${id}/stream/2024-01-01T00:00:00.000`;
      break;
    case 'AWS::IAM::Role':
      if (attr === 'Arn') return `arn:${P}:iam::${A}:role/${id}`;
      if (attr === 'RoleId') return `AROA${fakeHex(id, 16).toUpperCase()}`;
      break;
    case 'AWS::Logs::LogGroup':
      if (attr === 'Arn') return `arn:${P}:logs:${R}:${A}:log-group:${id}:*`;
      break;
    case 'AWS::CloudWatch::Alarm':
    case 'AWS::CloudWatch::CompositeAlarm':
      if (attr === 'Arn') return `arn:${P}:cloudwatch:${R}:${A}:alarm:${id}`;
      break;
    case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      if (attr === 'TargetGroupArn') return fakeRefValue(id, type);
      if (attr === 'TargetGroupFullName') return `targetgroup/${id.slice(0, 32)}/${fakeHex(id)}`;
      if (attr === 'TargetGroupName') return id.slice(0, 32);
      if (attr === 'LoadBalancerArns') return fakeRefValue('lb', 'AWS::ElasticLoadBalancingV2::LoadBalancer');
      break;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      if (attr === 'LoadBalancerArn') return fakeRefValue(id, type);
      if (attr === 'LoadBalancerFullName') return `app/${id.slice(0, 32)}/${fakeHex(id)}`;
      if (attr === 'LoadBalancerName') return id.slice(0, 32);
      if (attr === 'DNSName') return `${id.toLowerCase().slice(0, 32)}-${fakeHex(id, 8)}.${R}.elb.${U}`;
      break;
    case 'AWS::ElasticLoadBalancingV2::Listener':
      if (attr === 'ListenerArn') return fakeRefValue(id, type);
      break;
    case 'AWS::EC2::LaunchTemplate':
      if (attr === 'LaunchTemplateId') return fakeRefValue(id, type);
      // The version CloudFormation made last is part of the simulated world (a scenario's cdk deploy changes it): left
      // as the named placeholder `<logicalId>.LatestVersionNumber`, which the world resolves (SimulatedWorld.Versions.cs).
      // The default version stays 1: CloudFormation never changes it.
      if (attr === 'DefaultVersionNumber') return '1';
      break;
    case 'AWS::S3::Bucket':
      if (attr === 'Arn') return `arn:${P}:s3:::${id.toLowerCase()}`;
      if (attr === 'DomainName' || attr === 'RegionalDomainName') return `${id.toLowerCase()}.s3.${R}.${U}`;
      break;
    case 'AWS::EC2::SecurityGroup':
      if (attr === 'GroupId') return fakeRefValue(id, type);
      break;
    case 'AWS::KMS::Key':
      if (attr === 'Arn') return `arn:${P}:kms:${R}:${A}:key/${fakeRefValue(id, type)}`;
      if (attr === 'KeyId') return fakeRefValue(id, type);
      break;
    case 'AWS::SSM::Parameter':
      if (attr === 'Value') return `${id}-value`;
      break;
    default:
      break;
  }
  if (attr === 'Arn' || attr.endsWith('Arn')) return genericArn(type, id);
  return `${id}.${attr}`;
}

function isCustomResource(type) {
  return `${type}`.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/**
 * The physical id (its Ref value) of an AwsCustomResource (aws-cdk-lib custom-resources), read from its `Create`
 * call as the provider does: `physicalResourceId.id` as given, or the value at `physicalResourceId.responsePath` of
 * the call's response, which we fake for the calls we know (ELBv2 createRule: `Rules.0.RuleArn`, a listener-rule ARN
 * under the call's listener, as ELBv2 forms it: `...:listener-rule/app/<lb>/<lb-id>/<listener-id>/<rule-id>`).
 * Undefined for any other custom resource (it keeps the generic fake value).
 */
export function customPhysicalId(template, logicalId, options = {}, depth = 0) {
  const create = template?.Resources?.[logicalId]?.Properties?.Create;
  if (create === undefined || depth > 4) return undefined;
  let call;
  try {
    const text = createResolver(template, { ...options, customDepth: depth + 1 }).resolve(create);
    call = typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    return undefined;
  }
  const physical = call?.physicalResourceId;
  if (typeof physical?.id === 'string') return physical.id;
  if (physical?.responsePath === 'Rules.0.RuleArn' && call.service === 'ElasticLoadBalancingV2' && call.action === 'createRule') {
    const listener = `${call.parameters?.ListenerArn ?? ''}`;
    if (listener.includes(':listener/')) return `${listener.replace(':listener/', ':listener-rule/')}/${fakeHex(logicalId)}`;
  }
  return undefined;
}

const PSEUDO = {
  'AWS::Partition': P,
  'AWS::Region': R,
  'AWS::AccountId': A,
  'AWS::URLSuffix': U,
  'AWS::NoValue': undefined,
};

class ResolveError extends Error {}

/**
 * A resolver bound to one template. `references` records every fake value handed out:
 * value -> { logicalId, type, attribute? } (attribute absent for Ref), so a caller (e.g. the
 * rehearsal engine) can map the ARNs it sees in a definition back to template resources.
 */
export function createResolver(template, { stackName = 'Stack', customDepth = 0 } = {}) {
  const resources = template?.Resources ?? {};
  const parameters = template?.Parameters ?? {};
  const references = {};
  const pseudo = {
    ...PSEUDO,
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:${P}:cloudformation:${R}:${A}:stack/${stackName}/${fakeHex(stackName, 8)}-0000-0000-0000-${fakeHex(stackName, 12)}`,
    'AWS::NotificationARNs': [],
  };

  function remember(value, logicalId, type, attribute) {
    if (typeof value === 'string' && !(value in references)) {
      references[value] = attribute === undefined ? { logicalId, type } : { logicalId, type, attribute };
    }
    return value;
  }

  function ref(name) {
    if (Object.prototype.hasOwnProperty.call(pseudo, name)) return pseudo[name];
    if (resources[name]) {
      const type = resources[name].Type;
      const physical = isCustomResource(type) ? customPhysicalId(template, name, { stackName }, customDepth) : undefined;
      return remember(physical ?? fakeRefValue(name, type), name, type);
    }
    if (parameters[name]) {
      const p = parameters[name];
      if (p.Default !== undefined) return p.Default;
      return `${name}`;
    }
    throw new ResolveError(`Ref to unknown name '${name}'`);
  }

  function getAtt(logicalId, attribute) {
    const res = resources[logicalId];
    if (!res) throw new ResolveError(`Fn::GetAtt on unknown resource '${logicalId}'`);
    return remember(fakeGetAttValue(logicalId, res.Type, attribute), logicalId, res.Type, attribute);
  }

  function sub(text, vars) {
    return `${text}`.replace(/\$\{([^}]*)\}/g, (whole, inner) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`; // ${!Literal} -> ${Literal}
      const name = inner.trim();
      if (vars && Object.prototype.hasOwnProperty.call(vars, name)) return asString(resolve(vars[name]), `Fn::Sub variable ${name}`);
      if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        return asString(getAtt(name.slice(0, dot), name.slice(dot + 1)), `Fn::Sub ${name}`);
      }
      return asString(ref(name), `Fn::Sub ${name}`);
    });
  }

  function asString(value, where) {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return `${value}`;
    if (Array.isArray(value)) return value.join(',');
    throw new ResolveError(`${where} did not resolve to a string (${JSON.stringify(value)})`);
  }

  function evalCondition(name, seen = new Set()) {
    const conditions = template?.Conditions ?? {};
    if (!(name in conditions)) throw new ResolveError(`unknown condition '${name}'`);
    if (seen.has(name)) throw new ResolveError(`circular condition '${name}'`);
    seen.add(name);
    return evalBool(conditions[name], seen);
  }

  function evalBool(node, seen) {
    if (typeof node === 'boolean') return node;
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      const keys = Object.keys(node);
      if (keys.length === 1) {
        const [k] = keys;
        const v = node[k];
        if (k === 'Condition') return evalCondition(v, seen);
        if (k === 'Fn::Equals') return JSON.stringify(resolve(v[0])) === JSON.stringify(resolve(v[1]));
        if (k === 'Fn::Not') return !evalBool(v[0], seen);
        if (k === 'Fn::And') return v.every((x) => evalBool(x, seen));
        if (k === 'Fn::Or') return v.some((x) => evalBool(x, seen));
      }
    }
    throw new ResolveError(`cannot evaluate condition ${JSON.stringify(node)}`);
  }

  /** Resolves every intrinsic function inside `node`, returning a plain JSON value. */
  function resolve(node) {
    if (Array.isArray(node)) return node.map(resolve).filter((x) => x !== undefined);
    if (node === null || typeof node !== 'object') return node;
    const keys = Object.keys(node);
    if (keys.length === 1) {
      const [k] = keys;
      const v = node[k];
      switch (k) {
        case 'Ref':
          return ref(v);
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(v) ? v : `${v}`.split(/\.(.*)/s);
          return getAtt(id, resolve(attr));
        }
        case 'Fn::Join': {
          const [delimiter, parts] = v;
          const list = resolve(parts);
          if (!Array.isArray(list)) throw new ResolveError('Fn::Join needs a list');
          return list.map((p) => asString(p, 'Fn::Join element')).join(delimiter);
        }
        case 'Fn::Sub':
          return Array.isArray(v) ? sub(v[0], v[1] ?? {}) : sub(v, {});
        case 'Fn::Select': {
          const index = Number(resolve(v[0]));
          const list = resolve(v[1]);
          if (!Array.isArray(list) || !(index in list)) throw new ResolveError('Fn::Select index out of range');
          return list[index];
        }
        case 'Fn::Split':
          return asString(resolve(v[1]), 'Fn::Split source').split(v[0]);
        case 'Fn::If':
          return resolve(evalCondition(v[0]) ? v[1] : v[2]);
        case 'Fn::ImportValue':
          return `imported-${asString(resolve(v), 'Fn::ImportValue name')}`;
        case 'Fn::Base64':
          return Buffer.from(asString(resolve(v), 'Fn::Base64 input')).toString('base64');
        case 'Fn::GetAZs':
          return [`${R}a`, `${R}b`, `${R}c`];
        case 'Fn::FindInMap': {
          const [map, top, second] = resolve(v);
          const value = template?.Mappings?.[map]?.[top]?.[second];
          if (value === undefined) throw new ResolveError(`Fn::FindInMap ${map}.${top}.${second} not found`);
          return value;
        }
        case 'Fn::ToJsonString':
          return JSON.stringify(resolve(v));
        default:
          if (k.startsWith('Fn::')) throw new ResolveError(`unsupported intrinsic ${k}`);
      }
    }
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      const r = resolve(value);
      if (r !== undefined) out[key] = r;
    }
    return out;
  }

  return { resolve, sub, references, asString };
}

function applySubstitutions(text, substitutions, resolver) {
  if (!substitutions) return text;
  const values = {};
  for (const [key, value] of Object.entries(substitutions)) {
    values[key] = resolver.asString(resolver.resolve(value), `DefinitionSubstitutions.${key}`);
  }
  // CloudFormation replaces ${key} for every key of DefinitionSubstitutions; others stay as they are.
  return text.replace(/\$\{([^}]+)\}/g, (whole, key) => (Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole));
}

function substituteInObject(node, substitutions, resolver) {
  if (!substitutions) return node;
  if (typeof node === 'string') return applySubstitutions(node, substitutions, resolver);
  if (Array.isArray(node)) return node.map((x) => substituteInObject(x, substitutions, resolver));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substituteInObject(v, substitutions, resolver)]));
  }
  return node;
}

/**
 * Resolves one state machine resource (its Properties) of `template` to a definition object.
 * Throws an Error whose message says what could not be resolved.
 */
export function resolveStateMachine(template, logicalId, options = {}) {
  const resource = template?.Resources?.[logicalId];
  if (!resource) throw new Error(`no resource '${logicalId}'`);
  const props = resource.Properties ?? {};
  const resolver = options.resolver ?? createResolver(template, options);
  let definition;
  try {
    if (props.DefinitionString !== undefined) {
      const text = resolver.asString(resolver.resolve(props.DefinitionString), 'DefinitionString');
      const substituted = applySubstitutions(text, props.DefinitionSubstitutions, resolver);
      try {
        definition = JSON.parse(substituted);
      } catch (e) {
        throw new ResolveError(`resolved DefinitionString is not valid JSON: ${e.message}`);
      }
    } else if (props.Definition !== undefined) {
      definition = substituteInObject(resolver.resolve(props.Definition), props.DefinitionSubstitutions, resolver);
    } else if (props.DefinitionS3Location !== undefined) {
      throw new ResolveError('DefinitionS3Location is not supported (the definition is not in the template)');
    } else {
      throw new ResolveError('the state machine has no DefinitionString or Definition');
    }
  } catch (e) {
    if (e instanceof ResolveError) throw new Error(e.message);
    throw e;
  }
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new Error('the resolved definition is not a JSON object');
  }
  return definition;
}

/**
 * resolveDefinitions(templateJson) -> [{ logicalId, definition, references, error? }]
 *
 * One entry per AWS::StepFunctions::StateMachine resource, in template order.
 *  - definition: the concrete ASL object (a fresh object per call: callers may mutate it),
 *    or null when it could not be resolved, in which case `error` says why.
 *  - references: fake value -> { logicalId, type, attribute? } for every Ref/GetAtt value that
 *    this definition's resolution produced (lets a caller map ARNs back to template resources).
 * options: { stackName } (value of AWS::StackName; default 'Stack').
 */
export function resolveDefinitions(template, options = {}) {
  const out = [];
  for (const [logicalId, resource] of Object.entries(template?.Resources ?? {})) {
    if (resource?.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const resolver = createResolver(template, options);
    try {
      const definition = resolveStateMachine(template, logicalId, { ...options, resolver });
      out.push({ logicalId, definition, references: resolver.references });
    } catch (e) {
      out.push({ logicalId, definition: null, references: resolver.references, error: e.message });
    }
  }
  return out;
}
