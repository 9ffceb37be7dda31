// Rewrites an Amazon States Language definition so that aws-local-stepfunctions runs it under the
// control of the rehearsal client (see ./engine.mjs). Pure: no I/O, no dependencies.
//
// What changes, and why:
//  - Wait -> Task with Resource WAIT_RESOURCE (Next/End/InputPath/OutputPath/Comment kept): the
//    engine would sleep on real timers; the client's simulated clock answers the wait instead.
//    The original Seconds/SecondsPath/Timestamp/TimestampPath are kept in `states` (below).
//  - Fail -> Task with Resource FAIL_RESOURCE whose Parameters compute Error/Cause: the engine
//    evaluates ErrorPath/CausePath as plain JSONPath only, so intrinsic functions
//    (States.Format(...) in CausePath, as AWS allows) fail with States.Runtime; Parameters accept
//    them. The driver's handler for FAIL_RESOURCE throws the computed error (never sent to C#).
//  - Task: TimeoutSeconds is forced to MAX_TIMER_SECONDS and TimeoutSecondsPath/HeartbeatSeconds/
//    HeartbeatSecondsPath are removed: the engine races every task against a real timer (default
//    60 s). The original values are kept in `states` and reported to the client, which decides
//    when a task times out (by answering with the error States.Timeout).
//  - The top-level TimeoutSeconds is removed (real timer too).
//  - `$$.Execution.StartTime` is redirected to `$$.Rehearsal.ExecutionStartTime`: the engine
//    overwrites Execution.StartTime in the context object with the real clock.
// Parallel branches and Map ItemProcessor/Iterator are rewritten recursively.

export const WAIT_RESOURCE = 'arn:aws:states:::rehearsal:wait';
export const FAIL_RESOURCE = 'arn:aws:states:::rehearsal:fail';

/** The largest task timeout Node's setTimeout accepts (2^31 - 1 ms) in whole seconds. */
export const MAX_TIMER_SECONDS = 2147483;

const START_TIME_PATH = '$$.Execution.StartTime';
const START_TIME_REPLACEMENT = '$$.Rehearsal.ExecutionStartTime';

export class InvalidDefinitionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'Rehearsal.InvalidDefinition';
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when `key` holds a path or an intrinsic function rather than a literal. */
function isPathKey(key) {
  return key.endsWith('.$') || key.endsWith('Path') || key === 'Variable';
}

function redirectStartTime(node, key = '') {
  if (typeof node === 'string') {
    return isPathKey(key) && node.includes(START_TIME_PATH) ? node.split(START_TIME_PATH).join(START_TIME_REPLACEMENT) : node;
  }
  if (Array.isArray(node)) return node.map((item) => redirectStartTime(item, key));
  if (isObject(node)) {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, redirectStartTime(v, k)]));
  }
  return node;
}

function pick(source, keys) {
  const out = {};
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}

function rewriteWait(state) {
  return {
    ...pick(state, ['Comment', 'InputPath', 'OutputPath']),
    Type: 'Task',
    Resource: WAIT_RESOURCE,
    TimeoutSeconds: MAX_TIMER_SECONDS,
    ...pick(state, ['Next', 'End']),
  };
}

function rewriteFail(state) {
  const parameters = {};
  if (state.ErrorPath !== undefined) parameters['Error.$'] = state.ErrorPath;
  else if (state.Error !== undefined) parameters.Error = state.Error;
  if (state.CausePath !== undefined) parameters['Cause.$'] = state.CausePath;
  else if (state.Cause !== undefined) parameters.Cause = state.Cause;
  return {
    ...pick(state, ['Comment']),
    Type: 'Task',
    Resource: FAIL_RESOURCE,
    Parameters: parameters,
    TimeoutSeconds: MAX_TIMER_SECONDS,
    End: true,
  };
}

function rewriteTask(state) {
  const { TimeoutSecondsPath, HeartbeatSeconds, HeartbeatSecondsPath, ...rest } = state;
  return { ...rest, TimeoutSeconds: MAX_TIMER_SECONDS };
}

/**
 * prepareDefinition(definition) -> { definition, states }
 *
 *  - definition: the rewritten definition (a new object; the argument is not modified).
 *  - states: state name -> { originalType, resource, wait?, timeoutSeconds?, timeoutSecondsPath?,
 *    heartbeatSeconds?, heartbeatSecondsPath?, retry? } for every state at any depth, where
 *    `resource` is the original Resource (Task) or WAIT_RESOURCE/FAIL_RESOURCE, and `wait` holds
 *    the original Seconds/SecondsPath/Timestamp/TimestampPath of a Wait state.
 * Throws InvalidDefinitionError when the definition has no States, or a state name is used twice
 * (aws-local-stepfunctions binds task handlers by state name).
 */
export function prepareDefinition(definition) {
  const states = new Map();

  function rewriteMachine(machine, where) {
    if (!isObject(machine) || !isObject(machine.States) || typeof machine.StartAt !== 'string') {
      throw new InvalidDefinitionError(`${where} has no StartAt/States`);
    }
    const { TimeoutSeconds, ...rest } = machine;
    const rewrittenStates = {};
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObject(state)) throw new InvalidDefinitionError(`state '${name}' is not an object`);
      if (states.has(name)) throw new InvalidDefinitionError(`state name '${name}' is used more than once`);
      states.set(name, describe(name, state));
      rewrittenStates[name] = rewriteState(name, state);
    }
    return { ...rest, States: rewrittenStates };
  }

  function describe(name, state) {
    const info = { originalType: state.Type };
    if (Array.isArray(state.Retry)) info.retry = state.Retry;
    switch (state.Type) {
      case 'Task':
        info.resource = state.Resource;
        if (state.TimeoutSeconds !== undefined) info.timeoutSeconds = state.TimeoutSeconds;
        if (state.TimeoutSecondsPath !== undefined) info.timeoutSecondsPath = state.TimeoutSecondsPath;
        if (state.HeartbeatSeconds !== undefined) info.heartbeatSeconds = state.HeartbeatSeconds;
        if (state.HeartbeatSecondsPath !== undefined) info.heartbeatSecondsPath = state.HeartbeatSecondsPath;
        break;
      case 'Wait':
        info.resource = WAIT_RESOURCE;
        info.wait = pick(state, ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']);
        break;
      case 'Fail':
        info.resource = FAIL_RESOURCE;
        break;
      default:
        break;
    }
    return info;
  }

  function rewriteState(name, state) {
    switch (state.Type) {
      case 'Wait':
        return rewriteWait(state);
      case 'Fail':
        return rewriteFail(state);
      case 'Task':
        return rewriteTask(state);
      case 'Parallel':
        if (!Array.isArray(state.Branches)) throw new InvalidDefinitionError(`Parallel state '${name}' has no Branches`);
        return { ...state, Branches: state.Branches.map((b, i) => rewriteMachine(b, `branch ${i} of '${name}'`)) };
      case 'Map': {
        const out = { ...state };
        if (state.ItemProcessor !== undefined) out.ItemProcessor = rewriteMachine(state.ItemProcessor, `ItemProcessor of '${name}'`);
        if (state.Iterator !== undefined) out.Iterator = rewriteMachine(state.Iterator, `Iterator of '${name}'`);
        return out;
      }
      default:
        return state;
    }
  }

  const rewritten = rewriteMachine(redirectStartTime(definition), 'the definition');
  return { definition: rewritten, states };
}

/** Every States object of a (rewritten) definition, at any depth, with its parent machine. */
export function* machinesOf(machine) {
  yield machine;
  for (const state of Object.values(machine.States)) {
    for (const branch of state.Branches ?? []) yield* machinesOf(branch);
    if (state.ItemProcessor) yield* machinesOf(state.ItemProcessor);
    if (state.Iterator) yield* machinesOf(state.Iterator);
  }
}

/**
 * The pause AWS makes before retry number `attempt` (1 = first retry) of `retrier`, without
 * jitter: IntervalSeconds * BackoffRate^(attempt - 1), capped by MaxDelaySeconds.
 * Defaults as in the States Language: IntervalSeconds 1, BackoffRate 2.0.
 */
export function retryBackoffSeconds(retrier, attempt) {
  const interval = retrier?.IntervalSeconds ?? 1;
  const rate = retrier?.BackoffRate ?? 2;
  const seconds = interval * Math.pow(rate, Math.max(0, attempt - 1));
  return retrier?.MaxDelaySeconds !== undefined ? Math.min(seconds, retrier.MaxDelaySeconds) : seconds;
}
