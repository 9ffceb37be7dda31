// Resolves the monitoring side of a synthesized CloudFormation template with the fake values of
// ./resolve-definition.mjs, so that the TargetGroup dimension of an alarm is the very value a resolved
// definition asks GetMetricData about, and an alarm ARN in a composite's AlarmRule or in an events rule's
// pattern is the alarm's own Fn::GetAtt Arn: every AWS::CloudWatch::Alarm, AWS::CloudWatch::CompositeAlarm
// and AWS::Events::Rule, with its Properties resolved (CloudFormation property names kept as they are).
//
// Used by ./resolve.mjs --policies and the rehearsal's alarm evaluator (Simulation/AlarmDefinitions.cs).
// Pure: no I/O, no dependencies.

import { createResolver } from './resolve-definition.mjs';

const TYPES = ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm', 'AWS::Events::Rule'];

/**
 * resolveAlarms(templateJson, { stackName }) -> [{ logicalId, type, ref, arn, properties }]
 * in template order; `ref` is the resource's Ref value (an alarm's or rule's name), `arn` its Fn::GetAtt Arn.
 */
export function resolveAlarms(template, options = {}) {
  const resolver = createResolver(template, options);
  const out = [];
  for (const [logicalId, resource] of Object.entries(template?.Resources ?? {})) {
    if (!TYPES.includes(resource?.Type)) continue;
    out.push({
      logicalId,
      type: resource.Type,
      ref: resolver.resolve({ Ref: logicalId }),
      arn: resolver.resolve({ 'Fn::GetAtt': [logicalId, 'Arn'] }),
      properties: resolver.resolve(resource.Properties ?? {}),
    });
  }
  return out;
}
