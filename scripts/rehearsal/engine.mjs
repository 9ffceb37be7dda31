#!/usr/bin/env node
// The offline rehearsal engine: a long-lived driver that runs Amazon States Language definitions
// in aws-local-stepfunctions with EVERY Task answered by the client (scripts/Deploy.Rehearsal).
//
// Start: node --require scripts/rehearsal/polyfills.cjs scripts/rehearsal/engine.mjs
// Protocol: one JSON object per line on stdin/stdout (stdout carries nothing else; diagnostics go
// to stderr). Several runs may be in flight at once (a task of run 1 may start run 2).
//
//   engine -> client {"type":"ready","engine":"aws-local-stepfunctions@3.0.0","node":"v20..."}
//   client -> engine {"type":"run","id":1,"definition":{...},"input":<json>,"context":<object|null>,
//                     "now":"<ISO-8601>"?,"validate":true|false (default true)}
//   engine -> client {"type":"task","id":7,"run":1,"state":"Name","resource":"arn:...",
//                     "input":<processed input>,"wait":{"seconds":n}|{"timestamp":"..."}|null,
//                     "heartbeatSeconds":n|null,"timeoutSeconds":n|null,"taskToken":"..."|null,
//                     "retryCount":n,"retryBackoffSeconds":n|null}
//   client -> engine {"type":"taskResult","id":7,"output":<json>,"now":"<ISO-8601>"?}
//                  | {"type":"taskError","id":7,"error":"Name","cause":"text","now":"..."?}
//   engine -> client {"type":"runResult","id":1,"status":"SUCCEEDED"|"FAILED"|"ABORTED",
//                     "output":<json|null>,"error":<string|null>,"cause":<string|null>,
//                     "events":[{"type","state","stateType","originalType"?,"resource"?,
//                                "retryAttempt"?,"retryBackoffSeconds"?,"error"?,"cause"?,"index"?}]}
//     (the engine's event log: ExecutionStarted/Succeeded/Failed, StateEntered/Exited/Failed/
//     Retried/Caught, MapIteration*, ParallelBranch*; `originalType` is set on rewritten states)
//   client -> engine {"type":"abort","id":1}   (the client's handler threw; ends run 1 as ABORTED)
//   client -> engine {"type":"shutdown"}       (or EOF on stdin) ends the process.
//
// How the definition is changed before it runs: see ./prepare-definition.mjs (Wait and Fail
// become Tasks, task timeouts become the client's decision). Retry pauses are overridden to 0 ms;
// each StateRetried event carries the AWS backoff (without jitter) so the client may advance its
// simulated clock.
//
// The Context Object: the client's object, completed with plausible defaults. Per state:
//  - $$.State.EnteredTime: the run's simulated clock when the state was entered. The clock starts
//    at the run's `now` (else context.State.EnteredTime, else Execution.StartTime, else
//    2024-01-01T00:00:00.000Z) and moves only when an answer carries `now`.
//  - $$.State.Name / $$.State.RetryCount: the state being entered / its failed attempts so far.
//  - $$.Task.Token: a fresh deterministic token per task attempt ("<execution name>/task-token/<n>"),
//    also reported as `taskToken` in the task message; a Task.Token given by the client is used as is.
//  - $$.Execution.StartTime: the client's value (or the initial clock), not the real clock.
// These are exact for sequential flows. Inside Parallel branches and Map iterations that run
// concurrently, State.* describe the state most recently entered in the whole run.
//
// Errors: a taskError named States.Timeout is raised as the engine's own timeout error (so
// States.TaskFailed does not match it, as in AWS); States.Runtime is neither retried nor caught.
// Validation (unless the run says "validate":false): the rewritten definition is checked once per
// distinct definition (0.1-0.7 s: the validator compiles its schemas on every call) by the engine's
// asl-validator with checkPaths/checkArn off (the rehearsal resource ARNs are not AWS ones; the
// synthesized definitions are linted in full by tests/lint). A definition that fails ends FAILED
// with error Rehearsal.InvalidDefinition; any other driver failure ends FAILED with
// Rehearsal.EngineError.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  FAIL_RESOURCE,
  InvalidDefinitionError,
  WAIT_RESOURCE,
  machinesOf,
  prepareDefinition,
  retryBackoffSeconds,
} from './prepare-definition.mjs';

// Nothing but protocol lines may reach stdout.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const engineMain = createRequire(import.meta.url).resolve('aws-local-stepfunctions');
const requireFromEngine = createRequire(engineMain);
const { JSONPath } = requireFromEngine('jsonpath-plus');
const ENGINE_VERSION = JSON.parse(fs.readFileSync(path.join(path.dirname(engineMain), '..', 'package.json'), 'utf8')).version;

const DEFAULT_CLOCK = '2024-01-01T00:00:00.000Z';
const DEFAULT_STATE_MACHINE_NAME = 'RehearsalStateMachine';
const ARN_PREFIX = 'arn:aws:states:us-east-1:123456789012';
const VALIDATION_OPTIONS = { checkPaths: false, checkArn: false };
const CACHE_LIMIT = 64;

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function log(text) {
  process.stderr.write(`rehearsal-engine: ${text}\n`);
}

// ---------------------------------------------------------------------------------------------
// Errors raised into the engine

/**
 * The engine's own States.Timeout error class (not exported by the package), obtained once by
 * letting a probe task time out after 1 ms. Retry/Catch treat an instance of it as AWS does.
 */
async function probeTimeoutErrorClass() {
  const probe = new StateMachine(
    { StartAt: 'Probe', States: { Probe: { Type: 'Task', Resource: 'arn:aws:states:::rehearsal:probe', TimeoutSeconds: 0.001, End: true } } },
    { validationOptions: { noValidate: true } },
  );
  let release;
  const execution = probe.run(null, {
    overrides: { taskResourceLocalHandlers: { Probe: () => new Promise((resolve) => { release = resolve; }) } },
  });
  try {
    await execution.result;
  } catch (e) {
    if (e?.cause?.name === 'States.Timeout') return e.cause.constructor;
  } finally {
    release?.(null);
  }
  log('could not obtain the engine\'s States.Timeout error class; States.TaskFailed will also match States.Timeout');
  return null;
}

const StatesTimeoutError = await probeTimeoutErrorClass();

function taskError(name, cause) {
  let error;
  if (name === 'States.Timeout' && StatesTimeoutError) {
    error = new StatesTimeoutError();
    error.message = cause ?? '';
  } else {
    error = new Error(cause ?? '');
    error.name = name;
  }
  if (name === 'States.Runtime') {
    // As in AWS: a runtime error is neither retried nor caught.
    error.isRetryable = false;
    error.isCatchable = false;
  }
  return error;
}

function runtimeError(message) {
  return taskError('States.Runtime', message);
}

function abortedError() {
  const error = new Error('the run was aborted by the client');
  error.name = 'Rehearsal.Aborted';
  error.isRetryable = false;
  error.isCatchable = false;
  return error;
}

// ---------------------------------------------------------------------------------------------
// Definitions: rewritten and validated once per distinct definition text

const prepared = new Map();

/**
 * The rewritten definition of a run, from a cache keyed by the definition's text. Validation
 * (asl-validator builds its JSON schemas on every call: 0.1-0.7 s) runs once per distinct definition.
 */
function prepare(definition, validate) {
  const key = `${validate ? 'v' : 'n'}${JSON.stringify(definition)}`;
  let entry = prepared.get(key);
  if (!entry) {
    try {
      const { definition: rewritten, states } = prepareDefinition(definition);
      const json = JSON.stringify(rewritten);
      if (validate) {
        try {
          new StateMachine(JSON.parse(json), { validationOptions: VALIDATION_OPTIONS }); // eslint-disable-line no-new
        } catch (e) {
          throw new InvalidDefinitionError(e.message);
        }
      }
      entry = { json, states };
    } catch (e) {
      if (!(e instanceof InvalidDefinitionError)) throw e;
      entry = { error: e };
    }
    if (prepared.size >= CACHE_LIMIT) prepared.delete(prepared.keys().next().value);
    prepared.set(key, entry);
  }
  if (entry.error) throw entry.error;
  return { definition: JSON.parse(entry.json), states: entry.states };
}

// ---------------------------------------------------------------------------------------------
// Runs

const runs = new Map(); // run id -> run
const pendingTasks = new Map(); // task id -> { run, state, resolve, reject }
let lastTaskId = 0;

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function buildContext(given, run) {
  const c = isObject(given) ? structuredClone(given) : {};
  const execution = isObject(c.Execution) ? c.Execution : {};
  const stateMachine = isObject(c.StateMachine) ? c.StateMachine : {};
  const smName = stateMachine.Name ?? DEFAULT_STATE_MACHINE_NAME;
  const executionName = execution.Name ?? `rehearsal-${run.id}`;
  const startTime = execution.StartTime ?? run.clock;
  run.executionName = executionName;
  const fixedToken = isObject(c.Task) ? c.Task.Token : undefined;

  const state = {};
  Object.defineProperty(state, 'Name', { enumerable: true, get: () => run.current.name });
  Object.defineProperty(state, 'EnteredTime', { enumerable: true, get: () => run.current.enteredTime });
  Object.defineProperty(state, 'RetryCount', { enumerable: true, get: () => run.current.retryCount });
  const task = {};
  Object.defineProperty(task, 'Token', {
    enumerable: true,
    get: () => (run.pendingToken ??= fixedToken ?? `${executionName}/task-token/${++run.tokenCount}`),
  });

  return {
    ...c,
    Execution: {
      Id: `${ARN_PREFIX}:execution:${smName}:${executionName}`,
      Name: executionName,
      RoleArn: 'arn:aws:iam::123456789012:role/RehearsalStateMachineRole',
      RedriveCount: 0,
      ...execution,
      StartTime: startTime,
    },
    StateMachine: { Id: `${ARN_PREFIX}:stateMachine:${smName}`, Name: smName, ...stateMachine },
    State: state,
    Task: task,
    Rehearsal: { ExecutionStartTime: startTime },
  };
}

/**
 * Watches state entries: the engine looks each state up in its machine's States object exactly
 * once, right before it dispatches StateEntered and evaluates the state's paths, so a proxy on
 * every States object tells which state is being entered, synchronously.
 */
function watchStateEntries(definition, run) {
  for (const machine of [...machinesOf(definition)]) {
    machine.States = new Proxy(machine.States, {
      get(target, name) {
        if (typeof name === 'string' && Object.prototype.hasOwnProperty.call(target, name)) {
          run.current = { name, enteredTime: run.clock, retryCount: 0 };
          run.pendingToken = null;
        }
        return target[name];
      },
    });
  }
}

function evaluatePath(pathExpression, input, context) {
  return pathExpression.startsWith('$$')
    ? JSONPath({ path: pathExpression.slice(1), json: context, wrap: false })
    : JSONPath({ path: pathExpression, json: input, wrap: false });
}

function waitOf(info, input, context) {
  const { Seconds, SecondsPath, Timestamp, TimestampPath } = info.wait;
  if (Seconds !== undefined) return { seconds: Seconds };
  if (Timestamp !== undefined) return { timestamp: Timestamp };
  if (SecondsPath !== undefined) {
    const seconds = evaluatePath(SecondsPath, input, context);
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw runtimeError(`SecondsPath '${SecondsPath}' must point to a non-negative integer (got ${JSON.stringify(seconds)})`);
    }
    return { seconds };
  }
  if (TimestampPath !== undefined) {
    const timestamp = evaluatePath(TimestampPath, input, context);
    if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp))) {
      throw runtimeError(`TimestampPath '${TimestampPath}' must point to an ISO-8601 timestamp (got ${JSON.stringify(timestamp)})`);
    }
    return { timestamp };
  }
  return { seconds: 0 };
}

function secondsOf(fixed, pathExpression, input, context) {
  if (fixed !== undefined) return fixed;
  if (pathExpression === undefined) return null;
  const value = evaluatePath(pathExpression, input, context);
  if (!Number.isInteger(value) || value < 1) {
    throw runtimeError(`'${pathExpression}' must point to a positive integer (got ${JSON.stringify(value)})`);
  }
  return value;
}

function failStateError(input) {
  const error = input?.Error;
  const cause = input?.Cause;
  if (error !== undefined && typeof error !== 'string') throw runtimeError(`the Error of a Fail state must be a string (got ${JSON.stringify(error)})`);
  if (cause !== undefined && typeof cause !== 'string') throw runtimeError(`the Cause of a Fail state must be a string (got ${JSON.stringify(cause)})`);
  const thrown = new Error(cause ?? '');
  thrown.name = error ?? 'States.Fail';
  thrown.rehearsalFail = { error: error ?? null, cause: cause ?? null };
  return thrown;
}

function makeTaskHandler(run, name, info) {
  return async (input) => {
    // Synchronous part: runs right after the engine evaluated this state's Parameters.
    const taskToken = run.pendingToken;
    run.pendingToken = null;
    if (info.resource === FAIL_RESOURCE) throw failStateError(input);
    if (run.aborted) throw abortedError();
    const isWait = info.resource === WAIT_RESOURCE;
    const wait = isWait ? waitOf(info, input, run.context) : null;
    const timeoutSeconds = isWait ? null : secondsOf(info.timeoutSeconds, info.timeoutSecondsPath, input, run.context);
    const heartbeatSeconds = isWait ? null : secondsOf(info.heartbeatSeconds, info.heartbeatSecondsPath, input, run.context);
    // A retry's StateRetried event was dispatched just before this call: let the event consumer
    // record it first, so the task message can carry the retry count and backoff.
    await new Promise((resolve) => setImmediate(resolve));
    if (run.aborted) throw abortedError();
    const retry = run.retries.get(name);
    const id = ++lastTaskId;
    const { promise, resolve, reject } = Promise.withResolvers();
    pendingTasks.set(id, { run, state: name, resolve, reject });
    send({
      type: 'task',
      id,
      run: run.id,
      state: name,
      resource: info.resource,
      input: input ?? null,
      wait,
      heartbeatSeconds,
      timeoutSeconds,
      taskToken: taskToken ?? null,
      retryCount: retry?.count ?? 0,
      retryBackoffSeconds: retry?.backoffSeconds ?? null,
    });
    return promise;
  };
}

function recordEvent(run, event) {
  const stateInfo = event.state ?? event.parentState;
  const out = { type: event.type, state: stateInfo?.name ?? null, stateType: stateInfo?.type ?? null };
  const info = stateInfo?.name !== undefined ? run.states.get(stateInfo.name) : undefined;
  if (info && info.originalType !== stateInfo.type) out.originalType = info.originalType;
  if (info?.resource !== undefined && event.state) out.resource = info.resource;
  if (event.index !== undefined) out.index = event.index;
  if (event.Error !== undefined) out.error = event.Error ?? null;
  if (event.Cause !== undefined) out.cause = typeof event.Cause === 'string' ? event.Cause : `${event.Cause}`;
  switch (event.type) {
    case 'StateEntered':
      run.retries.delete(out.state);
      break;
    case 'StateRetried': {
      out.retryAttempt = event.retry?.attempt ?? null;
      out.retryBackoffSeconds = retryBackoffSeconds(event.retry?.retrier, event.retry?.attempt ?? 1);
      const previous = run.retries.get(out.state);
      run.retries.set(out.state, { count: (previous?.count ?? 0) + 1, backoffSeconds: out.retryBackoffSeconds });
      break;
    }
    default:
      break;
  }
  run.events.push(out);
}

function describeFailure(error) {
  const cause = error instanceof Error && error.name === 'ExecutionError' ? error.cause : error;
  if (cause?.rehearsalFail) return cause.rehearsalFail;
  const text = cause?.cause ?? cause?.message;
  return { error: cause?.name ?? 'Error', cause: text === undefined || text === null ? null : `${text}` };
}

async function startRun(message) {
  const run = {
    id: message.id,
    clock: null,
    current: { name: null, enteredTime: null, retryCount: 0 },
    pendingToken: null,
    tokenCount: 0,
    retries: new Map(),
    events: [],
    states: new Map(),
    aborted: false,
    execution: null,
  };
  const given = isObject(message.context) ? message.context : {};
  run.clock = message.now ?? given.State?.EnteredTime ?? given.Execution?.StartTime ?? DEFAULT_CLOCK;
  run.current.enteredTime = run.clock;
  runs.set(run.id, run);
  let result;
  try {
    const { definition, states } = prepare(message.definition, message.validate !== false);
    run.states = states;
    const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
    watchStateEntries(definition, run);
    run.context = buildContext(message.context, run);
    const taskResourceLocalHandlers = {};
    const retryIntervalOverrides = {};
    for (const [name, info] of states) {
      if (info.resource !== undefined) taskResourceLocalHandlers[name] = makeTaskHandler(run, name, info);
      if (info.retry) retryIntervalOverrides[name] = 0;
    }
    const execution = machine.run(message.input ?? null, {
      overrides: { taskResourceLocalHandlers, retryIntervalOverrides },
      context: run.context,
    });
    run.execution = execution;
    const consumer = (async () => {
      for await (const event of execution.eventLogs) recordEvent(run, event);
    })();
    try {
      const output = await execution.result;
      result = { status: 'SUCCEEDED', output: output ?? null, error: null, cause: null };
    } catch (e) {
      if (run.aborted) {
        result = { status: 'ABORTED', output: null, error: 'Rehearsal.Aborted', cause: 'the run was aborted by the client' };
      } else {
        result = { status: 'FAILED', output: null, ...describeFailure(e) };
      }
    }
    await consumer;
  } catch (e) {
    const name = e instanceof InvalidDefinitionError ? e.name : 'Rehearsal.EngineError';
    if (name === 'Rehearsal.EngineError') log(`run ${run.id}: ${e?.stack ?? e}`);
    result = { status: 'FAILED', output: null, error: name, cause: `${e?.message ?? e}` };
  } finally {
    runs.delete(run.id);
    for (const [id, task] of pendingTasks) {
      if (task.run === run) pendingTasks.delete(id);
    }
  }
  send({ type: 'runResult', id: run.id, ...result, events: run.events });
}

function answer(message) {
  const task = pendingTasks.get(message.id);
  if (!task) {
    log(`answer for unknown or finished task ${message.id} ignored`);
    return;
  }
  pendingTasks.delete(message.id);
  const { run } = task;
  if (typeof message.now === 'string') run.clock = message.now;
  if (message.type === 'taskResult') {
    task.resolve(message.output ?? null);
    return;
  }
  if (run.current.name === task.state) run.current.retryCount++;
  task.reject(taskError(`${message.error ?? 'States.TaskFailed'}`, message.cause ?? null));
}

function abort(message) {
  const run = runs.get(message.id);
  if (!run) return;
  run.aborted = true;
  run.execution?.abort();
  for (const [id, task] of pendingTasks) {
    if (task.run === run) {
      pendingTasks.delete(id);
      task.reject(abortedError());
    }
  }
}

function onLine(line) {
  if (line.trim() === '') return;
  let message;
  try {
    message = JSON.parse(line);
  } catch (e) {
    log(`ignored a line that is not JSON: ${e.message}`);
    return;
  }
  switch (message?.type) {
    case 'run':
      if (!Number.isInteger(message.id) || runs.has(message.id)) {
        log(`run message without a fresh integer id ignored: ${JSON.stringify(message.id)}`);
        return;
      }
      startRun(message);
      break;
    case 'taskResult':
    case 'taskError':
      answer(message);
      break;
    case 'abort':
      abort(message);
      break;
    case 'shutdown':
      process.exit(0);
      break;
    default:
      log(`ignored a message of unknown type ${JSON.stringify(message?.type)}`);
  }
}

process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason?.stack ?? reason}`));

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', onLine);
lines.on('close', () => process.exit(0));
send({ type: 'ready', engine: `aws-local-stepfunctions@${ENGINE_VERSION}`, node: process.version });
