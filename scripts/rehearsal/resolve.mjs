#!/usr/bin/env node
// Prints the resolved state machine definitions of one synthesized CloudFormation template as one
// JSON array on stdout: [{ logicalId, definition, references, error? }] (see
// ../lint/resolve-definition.mjs for the fake values and the `references` map).
// The stack name (AWS::StackName) is taken from the file name, as tests/lint does.
// With --policies it prints { definitions: [...the array above...], policies: {...}, alarms: [...] } instead, the
// policies being ./resolve-policies.mjs's resolution of the roles with the same fake values, and
// alarms ./resolve-alarms.mjs's resolution of the alarms and events rules.
//
// Usage: node scripts/rehearsal/resolve.mjs [--policies] <template.json>
// Exit:  0 = printed (entries that could not be resolved carry `error` and a null definition),
//        2 = usage/IO error.

import { resolveAlarms } from './resolve-alarms.mjs';
import { resolveDefinitions } from './resolve-definition.mjs';
import { resolvePolicies } from './resolve-policies.mjs';
import { readTemplate, stackNameOf, UsageError } from './templates.mjs';

const USAGE = 'usage: node scripts/rehearsal/resolve.mjs [--policies] <template.json>';

function main(argv) {
  const args = argv.slice(2);
  const withPolicies = args[0] === '--policies';
  if (withPolicies) args.shift();
  if (args.length !== 1 || args[0].startsWith('-')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const template = readTemplate(args[0]);
    const options = { stackName: stackNameOf(args[0]) };
    const resolved = resolveDefinitions(template, options);
    const output = withPolicies ? { definitions: resolved, policies: resolvePolicies(template, options), alarms: resolveAlarms(template, options) } : resolved;
    process.stdout.write(`${JSON.stringify(output)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`resolve: ${e.message}\n`);
    return 2;
  }
}

try {
  process.exitCode = main(process.argv);
} catch (e) {
  process.stderr.write(`resolve: unexpected error: ${e?.stack ?? e}\n`);
  process.exitCode = 2;
}
