#!/usr/bin/env node
// Lints the CloudFormation templates of a cloud assembly:
//   a. cdk-nag AwsSolutions checks over every template (loaded with CfnInclude), honouring
//      suppressions in resource metadata `cdk_nag.rules_to_suppress` (and template-level
//      `Metadata.cdk_nag.rules_to_suppress`);
//   b. asl-validator and @wmfs/statelint over every AWS::StepFunctions::StateMachine definition,
//      resolved to concrete JSON by ./resolve-definition.mjs.
//
// Usage: node tests/lint/lint-templates.mjs <cdk.out dir> [--json]
// Exit:  0 = no unsuppressed cdk-nag finding and no ASL problem, 1 = findings, 2 = usage/IO error.
// With --json, stdout carries exactly one JSON object:
//   { templates: [name], nag: [{template, resource, path, rule, level, message}],
//     asl: [{template, stateMachine, linter, problem}], stateMachines: n,
//     suppressed: [{template, resource, rule, reason}], errors: [message] }

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { resolveDefinitions } from '../../scripts/rehearsal/resolve-definition.mjs';
import { findTemplates, readTemplate, stackNameOf, UsageError } from '../../scripts/rehearsal/templates.mjs';

process.env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ??= '20';
process.env.AWS_EC2_METADATA_DISABLED ??= 'true';
process.env.CDK_DISABLE_VERSION_CHECK ??= 'true';

const require = createRequire(import.meta.url);

const USAGE = 'usage: node tests/lint/lint-templates.mjs <cdk.out dir> [--json]';
const MIN_REASON_LENGTH = 10;
const SUPPRESSION_RULE = 'CdkNagInvalidSuppression';

// ---------------------------------------------------------------------------------------------
// Suppressions

function decodeReason(s) {
  if (typeof s.reason !== 'string') return undefined;
  return s.is_reason_encoded ? Buffer.from(s.reason, 'base64').toString() : s.reason;
}

function isValidRegexLiteral(text) {
  const m = typeof text === 'string' && text.match(/^\/(.*)\/([a-z]*)$/s);
  if (!m) return false;
  try {
    new RegExp(m[1], m[2]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Normalises one `rules_to_suppress` list into the form cdk-nag reads (`{id, reason, applies_to?}`),
 * accepting the conveniences `appliesTo` and `id: "Rule[finding]"` (granular id), and drops the
 * suppressions cdk-nag would reject (it would otherwise abort the whole synth): a reason shorter
 * than 10 characters, a missing id, or an invalid `applies_to`. Each dropped one is returned as a
 * problem so it shows up as a finding.
 */
function normaliseSuppressions(list, where) {
  const kept = [];
  const problems = [];
  if (!Array.isArray(list)) {
    problems.push(`cdk_nag.rules_to_suppress ${where} is not a list; ignored`);
    return { kept, problems };
  }
  for (const raw of list) {
    if (raw === null || typeof raw !== 'object' || typeof raw.id !== 'string' || raw.id.trim() === '') {
      problems.push(`suppression ${JSON.stringify(raw)} ${where} has no 'id'; ignored`);
      continue;
    }
    const s = { ...raw };
    let appliesTo = s.applies_to ?? s.appliesTo;
    delete s.appliesTo;
    const granular = s.id.match(/^([^[\]]+)\[(.+)\]$/s);
    if (granular) {
      s.id = granular[1];
      appliesTo = [...(Array.isArray(appliesTo) ? appliesTo : []), granular[2]];
    }
    const reason = decodeReason(s);
    if (reason === undefined || [...reason.trim()].length < MIN_REASON_LENGTH) {
      problems.push(
        `suppression of ${raw.id} ${where} ignored: it needs a 'reason' of at least ${MIN_REASON_LENGTH} characters`,
      );
      continue;
    }
    if (appliesTo !== undefined) {
      const ok =
        Array.isArray(appliesTo) &&
        appliesTo.length > 0 &&
        appliesTo.every((a) => typeof a === 'string' || (a && typeof a === 'object' && isValidRegexLiteral(a.regex)));
      if (!ok) {
        problems.push(
          `suppression of ${raw.id} ${where} ignored: 'applies_to' must be a non-empty list of strings or {regex: "/.../"}`,
        );
        continue;
      }
      s.applies_to = appliesTo;
    }
    kept.push(s);
  }
  return { kept, problems };
}

/** Returns a copy of the template with normalised suppressions, and the suppression problems. */
function prepareTemplate(template) {
  const copy = structuredClone(template);
  const problems = [];
  for (const [logicalId, resource] of Object.entries(copy.Resources ?? {})) {
    const list = resource?.Metadata?.cdk_nag?.rules_to_suppress;
    if (list === undefined) continue;
    const r = normaliseSuppressions(list, `on ${logicalId}`);
    resource.Metadata.cdk_nag.rules_to_suppress = r.kept;
    problems.push(...r.problems.map((message) => ({ resource: logicalId, message })));
  }
  let stackSuppressions;
  const stackList = copy.Metadata?.cdk_nag?.rules_to_suppress;
  if (stackList !== undefined) {
    const r = normaliseSuppressions(stackList, 'in the template Metadata');
    stackSuppressions = r.kept;
    // cdk-nag reads stack-level suppressions from Stack.templateOptions.metadata (set by the
    // caller); the included template must not carry the section too (synth would reject the merge).
    delete copy.Metadata.cdk_nag;
    if (Object.keys(copy.Metadata).length === 0) delete copy.Metadata;
    problems.push(...r.problems.map((message) => ({ resource: '(template)', message })));
  }
  return { copy, problems, stackSuppressions };
}

// ---------------------------------------------------------------------------------------------
// cdk-nag

function runNag(entries, scratchDir) {
  const cdk = require('aws-cdk-lib');
  const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
  const { AwsSolutionsChecks } = require('cdk-nag');

  const nag = [];
  const suppressed = [];
  const errors = [];
  const stackToTemplate = new Map();

  const app = new cdk.App({
    outdir: path.join(scratchDir, 'assembly'),
    analyticsReporting: false,
    // aws-cdk-lib's own 'CloudFormation Validate' pass is not part of this lint (and prints to stderr).
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:enable-path-metadata': false },
  });

  entries.forEach((entry, index) => {
    const { copy, problems, stackSuppressions } = prepareTemplate(entry.template);
    for (const p of problems) {
      nag.push({ template: entry.name, resource: p.resource, path: '', rule: SUPPRESSION_RULE, level: 'Error', message: p.message });
    }
    const file = path.join(scratchDir, `t${index}.json`);
    fs.writeFileSync(file, JSON.stringify(copy));
    // LegacyStackSynthesizer: adds no BootstrapVersion parameter/rule (the included template
    // already has its own), and needs no bootstrap information.
    const stack = new cdk.Stack(app, `Lint${index}`, { synthesizer: new cdk.LegacyStackSynthesizer() });
    if (stackSuppressions) {
      stack.templateOptions.metadata = { ...(stack.templateOptions.metadata ?? {}), cdk_nag: { rules_to_suppress: stackSuppressions } };
    }
    try {
      new CfnInclude(stack, 'Template', { templateFile: file, preserveLogicalIds: true });
      stackToTemplate.set(stack, entry.name);
    } catch (e) {
      errors.push(`${entry.name}: CfnInclude could not load the template: ${e.message}`);
      stack.node.tryRemoveChild('Template');
    }
  });

  const describe = (data) => {
    const resource = data.resource;
    const stack = cdk.Stack.of(resource);
    const logicalId = stack.resolve(resource.logicalId);
    const cdkPath = resource.cfnOptions?.metadata?.['aws:cdk:path'] ?? '';
    return { template: stackToTemplate.get(stack) ?? stack.stackName, resource: `${logicalId}`, path: cdkPath };
  };
  const ruleName = (data) => (data.findingId ? `${data.ruleId}[${data.findingId}]` : data.ruleId);

  const collector = {
    onCompliance() {},
    onNotApplicable() {},
    onNonCompliance(data) {
      nag.push({
        ...describe(data),
        rule: ruleName(data),
        level: `${data.ruleLevel}`,
        message: `${data.ruleInfo} ${data.ruleExplanation}`.trim(),
      });
    },
    onSuppressed(data) {
      suppressed.push({ ...describe(data), rule: ruleName(data), reason: data.suppressionReason });
    },
    onError(data) {
      // A rule that throws is reported by cdk-nag as a CdkNagValidationFailure (a warning);
      // it is suppressible with { id: "CdkNagValidationFailure", applies_to: ["<rule id>"] }.
      nag.push({
        ...describe(data),
        rule: `CdkNagValidationFailure[${data.ruleId}]`,
        level: 'Warning',
        message: `${data.ruleId} could not be evaluated: ${data.errorMessage}`,
      });
    },
    onSuppressedError(data) {
      suppressed.push({
        ...describe(data),
        rule: `CdkNagValidationFailure[${data.ruleId}]`,
        reason: data.errorSuppressionReason,
      });
    },
  };

  cdk.Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true, reports: false, additionalLoggers: [collector] }));
  try {
    app.synth();
  } catch (e) {
    errors.push(`cdk-nag synth failed: ${e.message}`);
  }
  return { nag, suppressed, errors };
}

// ---------------------------------------------------------------------------------------------
// ASL

function runAsl(entries) {
  const aslValidator = require('asl-validator');
  const { StateLint } = require('@wmfs/statelint');
  const stateLint = new StateLint();
  const asl = [];
  let stateMachines = 0;
  for (const entry of entries) {
    const resolved = resolveDefinitions(entry.template, { stackName: stackNameOf(entry.name) });
    for (const { logicalId, definition, error } of resolved) {
      stateMachines++;
      const at = { template: entry.name, stateMachine: logicalId };
      if (definition === null) {
        asl.push({ ...at, linter: 'resolve', problem: error });
        continue;
      }
      // Each linter gets its own deep copy: both mutate the definition they are given.
      try {
        const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
        for (const e of result.errors ?? []) {
          const where = e.schemaError?.instancePath ? ` (at ${e.schemaError.instancePath})` : '';
          asl.push({ ...at, linter: 'asl-validator', problem: `${e['Error code']}: ${e.Message}${where}` });
        }
      } catch (e) {
        asl.push({ ...at, linter: 'asl-validator', problem: `validator threw: ${e.message}` });
      }
      try {
        for (const problem of stateLint.validate(structuredClone(definition))) {
          asl.push({ ...at, linter: 'statelint', problem: `${problem}` });
        }
      } catch (e) {
        asl.push({ ...at, linter: 'statelint', problem: `statelint threw: ${e.message}` });
      }
    }
  }
  return { asl, stateMachines };
}

// ---------------------------------------------------------------------------------------------

function printHuman(report, elapsedMs) {
  const out = [];
  out.push(`Templates (${report.templates.length}): ${report.templates.join(', ') || '-'}`);
  out.push(`State machines: ${report.stateMachines}`);
  out.push('');
  out.push(`cdk-nag AwsSolutions: ${report.nag.length} unsuppressed finding(s), ${report.suppressed.length} suppressed`);
  for (const f of report.nag) {
    out.push(`  [${f.level}] ${f.rule}`);
    out.push(`      ${f.template} ${f.resource}${f.path ? ` (${f.path})` : ''}`);
    out.push(`      ${f.message.replace(/\s+/g, ' ')}`);
  }
  out.push('');
  out.push(`ASL (asl-validator + statelint): ${report.asl.length} problem(s)`);
  for (const p of report.asl) out.push(`  ${p.template} ${p.stateMachine} [${p.linter}] ${p.problem}`);
  for (const e of report.errors) out.push(`ERROR: ${e}`);
  out.push('');
  const verdict = report.errors.length ? 'ERROR' : report.nag.length || report.asl.length ? 'FAIL' : 'OK';
  out.push(
    `${verdict}: ${report.nag.length} cdk-nag finding(s), ${report.asl.length} ASL problem(s) in ${report.templates.length} template(s) (${(elapsedMs / 1000).toFixed(1)} s)`,
  );
  process.stdout.write(out.join('\n') + '\n');
}

function main(argv) {
  const started = performance.now();
  const args = argv.slice(2);
  const json = args.includes('--json');
  const positional = args.filter((a) => a !== '--json');
  const unknown = positional.filter((a) => a.startsWith('-'));
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positional.length !== 1 || unknown.length) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  const report = { templates: [], nag: [], asl: [], stateMachines: 0, suppressed: [], errors: [] };
  let scratchDir;
  try {
    const found = findTemplates(positional[0]);
    if (found.length === 0) throw new UsageError(`no *.template.json in '${positional[0]}'`);
    const entries = found.map((t) => ({ ...t, template: readTemplate(t.file) }));
    report.templates = entries.map((e) => e.name);

    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-templates-'));
    const nagResult = runNag(entries, scratchDir);
    report.nag = nagResult.nag;
    report.suppressed = nagResult.suppressed;
    report.errors.push(...nagResult.errors);

    const aslResult = runAsl(entries);
    report.asl = aslResult.asl;
    report.stateMachines = aslResult.stateMachines;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    report.errors.push(e.message);
  } finally {
    if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
  }

  const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  report.nag.sort((a, b) => order(a.template, b.template) || order(a.resource, b.resource) || order(a.rule, b.rule));

  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else if (report.templates.length === 0) {
    for (const e of report.errors) process.stderr.write(`lint-templates: ${e}\n`);
    return 2;
  } else {
    printHuman(report, performance.now() - started);
  }
  if (report.errors.length) {
    if (json) for (const e of report.errors) process.stderr.write(`ERROR: ${e}\n`);
    return 2;
  }
  return report.nag.length || report.asl.length ? 1 : 0;
}

try {
  process.exitCode = main(process.argv);
} catch (e) {
  process.stderr.write(`lint-templates: unexpected error: ${e?.stack ?? e}\n`);
  process.exitCode = 2;
}
