using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Deploy.Rehearsal;
using Deploy.Rehearsal.Simulation;
using Deploy.Contracts.Flows;

namespace Deploy.LocalEngine;

/// <summary>
/// One environment (one synthesized stack): its rehearsal engine, its persistent simulated world, and the one worker
/// thread that drives it (the engine serves one thread). In instant mode the worker runs the executions one after
/// another, each to its end at once; in real (scaled) time it moves the world's clock with the real one
/// (EnvironmentHost.RealTime.cs). API threads only queue work and read the executions' records, under <see cref="_gate"/>.
/// </summary>
internal sealed partial class EnvironmentHost : IDisposable
{
    private readonly object _gate = new();
    private readonly ConcurrentQueue<WorkItem> _queue = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Dictionary<string, LocalExecution> _byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalExecution> _byWorldArn = new(StringComparer.Ordinal);
    private readonly List<LocalExecution> _executions = [];
    private readonly Dictionary<string, PendingApproval> _approvals = new(StringComparer.Ordinal);
    private readonly RehearsalEngine _engine;
    private readonly SimulatedWorld _world;
    private readonly Thread _worker;
    private readonly TimeSpan? _approvalTimeout;
    private readonly Action<string> _log;
    private long _sequence;
    private Timeline _timeline;
    private volatile bool _stopping;

    /// <summary>The task each execution thread started last (an approval handler runs on that thread, right after).</summary>
    [ThreadStatic]
    private static (SimulatedWorld.ExecutionRecord Record, TaskCall Call)? t_lastStarted;

    /// <summary>Builds the environment's world and starts its worker.</summary>
    /// <param name="stack">The resolved stack.</param>
    /// <param name="scenario">The seed of the world.</param>
    /// <param name="engine">The environment's own rehearsal engine (disposed with the host).</param>
    /// <param name="origin">The real time shown for the world's start (<see cref="SimulatedWorld.Epoch"/>).</param>
    /// <param name="approvalTimeout">Real time an approval waits; null for the state's TimeoutSeconds.</param>
    /// <param name="speed">Simulated seconds per real second; 0 runs simulated time instantly.</param>
    /// <param name="log">Progress lines.</param>
    public EnvironmentHost(LoadedStack stack, Scenario scenario, RehearsalEngine engine, DateTimeOffset origin, TimeSpan? approvalTimeout, double speed, Action<string> log)
    {
        _origin = origin;
        _speed = speed;
        _timeline = new Timeline(origin - SimulatedWorld.Epoch);
        Application = stack.Application;
        Environment = stack.Environment;
        _engine = engine;
        _approvalTimeout = approvalTimeout;
        _log = log;
        Machines = stack.Machines.Select(m => new MachineInfo(m, this)).ToList();
        _world = new SimulatedWorld(engine, stack.Stack, scenario) { MaxExecutions = int.MaxValue };
        _world.TaskStarting = OnTaskStarting;
        _world.TaskAnswered = OnTaskAnswered;
        if (scenario.Approval is null)
        {
            _world.ApprovalHandler = RealTime ? OnApprovalInRealTime : OnApproval;
        }

        _worker = new Thread(RealTime ? RealTimeLoop : WorkerLoop) { IsBackground = true, Name = $"local-engine-{stack.StackName}" };
        _worker.Start();
    }

    public string Application { get; }

    public string Environment { get; }

    public IReadOnlyList<MachineInfo> Machines { get; }

    /// <summary>Queues an execution; it runs when the worker is free (or nested, while another waits for approval).</summary>
    public LocalExecution Start(MachineInfo machine, string? name, string inputText, JsonNode? input)
    {
        LocalExecution execution;
        lock (_gate)
        {
            name ??= Guid.NewGuid().ToString();
            var arn = Arns.Execution(machine.Name, name);
            if (_byArn.TryGetValue(arn, out var existing))
            {
                return existing.Running && existing.InputText == inputText
                    ? existing
                    : throw new ApiException("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");
            }

            execution = new LocalExecution
            {
                Arn = arn,
                WorldArn = WorldArn(machine.Role, name),
                Name = name,
                Machine = machine,
                InputText = inputText,
                Sequence = ++_sequence,
                StartedBy = "operator",
                // Instant mode: real time until it starts; real time: the environment's one timeline.
                Timeline = RealTime ? _timeline : new Timeline(TimeSpan.Zero),
                StartDate = RealTime ? SimulatedNow() : DateTimeOffset.UtcNow,
            };
            Register(execution);
        }

        _log($"{execution.Arn}: queued");
        _queue.Enqueue(new WorkItem(execution, input, null, null));
        _wake.Set();
        return execution;
    }

    /// <summary>Runs an execution synchronously (StartSyncExecution) and returns its response.</summary>
    public JsonObject RunSync(MachineInfo machine, string? name, string inputText, JsonNode? input, TimeSpan timeout)
    {
        name ??= Guid.NewGuid().ToString();
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (RealTime)
        {
            _syncs.Enqueue(new SyncRun(machine, name, inputText, input, done));
        }
        else
        {
            _queue.Enqueue(new WorkItem(null, input, completion =>
            {
                var record = _world.RunExecution(machine.Role, input, "operator", name);
                completion.TrySetResult(SyncResponse(machine, name, inputText, record));
            }, done));
        }

        _wake.Set();
        try
        {
            return done.Task.Wait(timeout)
                ? done.Task.Result
                : throw new ApiException("ServiceUnavailable", $"The execution did not finish within {timeout.TotalSeconds:0} s.");
        }
        catch (AggregateException e) when (e.InnerException is ApiException api)
        {
            throw api;
        }
    }

    /// <summary>The StartSyncExecution response for an ended Express execution.</summary>
    private JsonObject SyncResponse(MachineInfo machine, string name, string inputText, SimulatedWorld.ExecutionRecord record)
    {
        var result = record.Result!;
        TimeSpan shift;
        lock (_gate)
        {
            shift = _timeline.Shift;
        }

        var response = new JsonObject
        {
            ["executionArn"] = Arns.ExpressExecution(machine.Name, name, Guid.NewGuid().ToString()),
            ["stateMachineArn"] = machine.Arn,
            ["name"] = name,
            ["startDate"] = Wire.Epoch(record.StartedAt + shift),
            ["stopDate"] = Wire.Epoch(record.EndedAt + shift),
            ["status"] = result.StatusName,
            ["input"] = inputText,
            ["inputDetails"] = new JsonObject { ["included"] = true },
            ["billingDetails"] = new JsonObject { ["billedMemoryUsedInMB"] = 64, ["billedDurationInMilliseconds"] = 100 },
        };
        if (result.Succeeded)
        {
            response["output"] = Wire.Text(result.Output);
            response["outputDetails"] = new JsonObject { ["included"] = true };
        }
        else
        {
            response["error"] = result.Error;
            response["cause"] = result.Cause;
        }

        return response;
    }

    public LocalExecution? Find(string arn)
    {
        lock (_gate)
        {
            return _byArn.GetValueOrDefault(arn) ?? _byWorldArn.GetValueOrDefault(arn);
        }
    }

    /// <summary>Runs <paramref name="read"/> under the host's lock (every execution record is written under it).</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>The executions of <paramref name="machine"/>, newest first.</summary>
    public List<LocalExecution> Executions(MachineInfo machine)
    {
        lock (_gate)
        {
            return _executions.Where(e => e.Machine == machine).OrderByDescending(e => e.Sequence).ToList();
        }
    }

    public bool HasTask(string token)
    {
        lock (_gate)
        {
            return _approvals.TryGetValue(token, out var pending) && pending.Answer is null;
        }
    }

    /// <summary>Answers a pending approval task; false when no task waits for <paramref name="token"/>.</summary>
    public bool Answer(string token, TaskOutcome outcome)
    {
        lock (_gate)
        {
            if (!_approvals.TryGetValue(token, out var pending) || pending.Answer is not null)
            {
                return false;
            }

            pending.Answer = outcome;
        }

        _wake.Set();
        return true;
    }

    /// <summary>Stops an execution (best effort): a queued one never starts, a waiting one aborts where it is.</summary>
    public DateTimeOffset Stop(LocalExecution execution, string? error, string? cause)
    {
        lock (_gate)
        {
            if (!execution.Running)
            {
                return execution.Shown(execution.StopDate) ?? DateTimeOffset.UtcNow;
            }

            execution.Error = error;
            execution.Cause = cause;
            if (!execution.Started)
            {
                Finish(execution, "ABORTED", RealTime ? SimulatedNow() : DateTimeOffset.UtcNow);
                return execution.Shown(execution.StopDate)!.Value;
            }

            execution.StopRequested = true;
        }

        if (RealTime)
        {
            _stops.Enqueue(execution); // the worker stops it in the world, where it is (a Wait, a bake, an approval)
        }

        _wake.Set();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            lock (_gate)
            {
                if (!execution.Running)
                {
                    return execution.Shown(execution.StopDate) ?? DateTimeOffset.UtcNow;
                }
            }

            Thread.Sleep(10);
        }

        lock (_gate)
        {
            return execution.Shown(execution.StopDate) ?? DateTimeOffset.UtcNow;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _worker.Join(TimeSpan.FromSeconds(10));
        _engine.Dispose();
        _wake.Dispose();
    }

    private string WorldArn(string role, string name) =>
        Arns.Execution($"{Application}-{Environment}-{role.ToLowerInvariant()}", name);

    private void Register(LocalExecution execution)
    {
        _byArn[execution.Arn] = execution;
        _byWorldArn[execution.WorldArn] = execution;
        _executions.Add(execution);
    }

    private void WorkerLoop()
    {
        while (!_stopping)
        {
            if (_queue.TryDequeue(out var item))
            {
                Execute(item, nested: false);
                continue;
            }

            _wake.WaitOne(TimeSpan.FromSeconds(1));
        }

        while (_queue.TryDequeue(out var left))
        {
            left.Completion?.TrySetException(new ApiException("ServiceUnavailable", "The local engine is shutting down."));
            if (left.Execution is { } execution)
            {
                lock (_gate)
                {
                    if (execution.Running)
                    {
                        execution.Error = "States.Runtime";
                        execution.Cause = "The local engine shut down before the execution started.";
                        Finish(execution, "ABORTED", DateTimeOffset.UtcNow); // never started: its timeline is real time
                    }
                }
            }
        }
    }

    /// <summary>Runs one work item on the worker thread; <paramref name="nested"/> inside another execution's approval wait.</summary>
    private void Execute(WorkItem item, bool nested)
    {
        if (!nested)
        {
            // An execution started through the API starts at the real time it starts (see Timeline).
            lock (_gate)
            {
                _timeline = new Timeline(DateTimeOffset.UtcNow - _world.Clock.UtcNow);
            }
        }

        if (item.Sync is { } sync)
        {
            try
            {
                sync(item.Completion!);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log($"synchronous execution failed: {e.Message}");
                item.Completion!.TrySetException(new ApiException("ServiceUnavailable", $"The local engine failed: {e.Message}"));
            }

            return;
        }

        var execution = item.Execution!;
        lock (_gate)
        {
            if (!execution.Running)
            {
                return; // stopped while queued
            }

            execution.Started = true;
            execution.Nested = nested;
            execution.Timeline = _timeline;
            execution.StartDate = _world.Clock.UtcNow;
        }

        _log($"{execution.Arn}: started{(nested ? " (while another execution waits for approval)" : string.Empty)}");
        try
        {
            var record = _world.RunExecution(execution.Machine.Role, item.Input, "operator", execution.Name);
            lock (_gate)
            {
                Complete(execution, record);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failed(execution, e);
        }

        _log($"{execution.Arn}: {execution.Status}{(execution.Error is null ? string.Empty : $" {execution.Error}")}");
        if (!nested)
        {
            DrainWorld();
        }
    }

    private void Failed(LocalExecution execution, Exception e)
    {
        lock (_gate)
        {
            if (!execution.Running)
            {
                return;
            }

            if (e is ExecutionStoppedException || execution.StopRequested)
            {
                Finish(execution, "ABORTED", _world.Clock.UtcNow);
                return;
            }

            execution.Error = "States.Runtime";
            execution.Cause = $"The local engine failed: {e.Message}";
            Finish(execution, "FAILED", _world.Clock.UtcNow);
        }

        if (e is not ExecutionStoppedException)
        {
            _log($"{execution.Arn}: the simulation failed: {e}");
        }
    }

    /// <summary>Runs what the flows and the alarm rule queued (retire, rollback) and the scheduled world events, then records them.</summary>
    private void DrainWorld()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            try
            {
                _world.Drain();
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (e is not ExecutionStoppedException)
                {
                    _log($"the simulated world failed while running queued executions: {e.Message}");
                    break;
                }
            }
        }

        lock (_gate)
        {
            foreach (var record in _world.Executions)
            {
                if (record.Machine == StackCatalog.HealthProbe && !_byWorldArn.ContainsKey(record.Arn))
                {
                    continue;
                }

                var execution = FindOrRegister(record);
                if (!execution.Running)
                {
                    continue;
                }

                if (record.Result is not null)
                {
                    Complete(execution, record);
                }
                else
                {
                    execution.Error ??= execution.StopRequested ? null : "States.Runtime";
                    execution.Cause ??= execution.StopRequested ? null : "The local engine failed while running the execution.";
                    Finish(execution, execution.StopRequested ? "ABORTED" : "FAILED", _world.Clock.UtcNow);
                }
            }
        }
    }

    private LocalExecution FindOrRegister(SimulatedWorld.ExecutionRecord record)
    {
        if (_byWorldArn.TryGetValue(record.Arn, out var known))
        {
            return known;
        }

        var machine = Machines.First(m => m.Role == record.Machine);
        var execution = new LocalExecution
        {
            Arn = record.Arn,
            WorldArn = record.Arn,
            Name = record.Name,
            Machine = machine,
            InputText = record.Input is null ? "{}" : Wire.Text(record.Input),
            Sequence = ++_sequence,
            StartedBy = record.Why,
            Timeline = _timeline,
            StartDate = record.StartedAt,
            Started = true,
        };
        Register(execution);
        _log($"{execution.Arn}: started by the simulated world ({record.Why})");
        return execution;
    }

    private void Complete(LocalExecution execution, SimulatedWorld.ExecutionRecord record)
    {
        if (!execution.Running || record.Result is not { } result)
        {
            return;
        }

        execution.Result = result;
        execution.OutputText = result.Succeeded ? Wire.Text(result.Output) : null;
        execution.Error = result.Error;
        execution.Cause = result.Cause;
        Finish(execution, result.StatusName, record.EndedAt);
    }

    private void Finish(LocalExecution execution, string status, DateTimeOffset at)
    {
        execution.Status = status;
        execution.StopDate = at;
        if (RealTime)
        {
            // An ended execution's times stay where they were shown when it ended (every later response agrees).
            execution.Timeline = new Timeline(_timeline.Shift);
        }
    }

    private void OnTaskStarting(SimulatedWorld.ExecutionRecord record, TaskCall call)
    {
        t_lastStarted = (record, call);
        bool stop;
        LocalExecution execution;
        lock (_gate)
        {
            if (!_byWorldArn.ContainsKey(record.Arn) && record.Machine == StackCatalog.HealthProbe)
            {
                return; // a flow's probe: part of its parent's task
            }

            execution = FindOrRegister(record);
            // Only an execution that runs at the top of the world (or nested in an approval wait) is stopped here:
            // an exception from one nested inside another's task would abort that one too.
            stop = execution.StopRequested && (record.Parent is null || execution.Nested);
            if (!stop)
            {
                execution.Attempts.Add(new TaskAttempt
                {
                    TaskId = call.TaskId,
                    State = call.StateName,
                    Resource = call.Resource,
                    IsWait = call.IsWait,
                    InputText = Wire.Text(call.Input),
                    TimeoutSeconds = call.TimeoutSeconds,
                    HeartbeatSeconds = call.HeartbeatSeconds,
                    RetryCount = call.RetryCount,
                    Start = _world.Clock.UtcNow,
                });
            }
        }

        if (stop)
        {
            throw Stopped(execution);
        }
    }

    private void OnTaskAnswered(SimulatedWorld.ExecutionRecord record, TaskCall call, TaskOutcome outcome)
    {
        lock (_gate)
        {
            if (!_byWorldArn.TryGetValue(record.Arn, out var execution))
            {
                return;
            }

            var attempt = execution.Attempts.LastOrDefault(a => a.TaskId == call.TaskId);
            if (attempt is null)
            {
                return;
            }

            attempt.End = _world.Clock.UtcNow;
            attempt.Succeeded = outcome.Succeeded;
            attempt.OutputText = outcome.Succeeded ? Wire.Text(outcome.Output) : null;
            attempt.Error = outcome.Error;
            attempt.Cause = outcome.Cause;
        }
    }

    /// <summary>
    /// Registers an approval task's token so that SendTaskSuccess/SendTaskFailure can answer it; returns the token, the
    /// answer to wait for, and the execution the task belongs to (null when it cannot be told).
    /// </summary>
    private (string Token, PendingApproval Pending, LocalExecution? Execution) AwaitAnswer(TaskCall call, JsonObject message)
    {
        var token = call.TaskToken ?? StatePath.ReadString<NotificationMessage>(message, m => m.TaskToken)
            ?? throw new InvalidOperationException($"{call.StateName}: the approval task has no task token.");
        var record = t_lastStarted is { } last && last.Call.TaskId == call.TaskId ? last.Record : null;
        var pending = new PendingApproval();
        lock (_gate)
        {
            _approvals[token] = pending;
            return (token, pending, record is null ? null : _byWorldArn.GetValueOrDefault(record.Arn));
        }
    }

    /// <summary>
    /// Answers an approval task: waits (in real time) for SendTaskSuccess/SendTaskFailure with its token, or for the
    /// approval limit (the state's TimeoutSeconds, in real seconds, unless --approval-timeout says otherwise), serving
    /// other work of this environment meanwhile (nested in this task). The simulated clock moves by the real wait.
    /// </summary>
    private TaskOutcome OnApproval(TaskCall call, JsonObject message)
    {
        var (token, pending, execution) = AwaitAnswer(call, message);

        var startedAt = _world.Clock.UtcNow;
        lock (_gate)
        {
            // The wait happens now, in real time: re-base this timeline so that the approval starts at the real time it
            // starts (what ran before it moves into the past by its simulated duration). While waiting, the simulated
            // clock follows the real one.
            _timeline.Shift = DateTimeOffset.UtcNow - startedAt;
        }

        var limit = _approvalTimeout ?? TimeSpan.FromSeconds(call.TimeoutSeconds ?? 3600);
        var timeout = TimeSpan.FromSeconds(call.TimeoutSeconds ?? limit.TotalSeconds);
        _log($"{execution?.Arn ?? call.StateName}: waits for approval (task token {token}; up to {limit.TotalSeconds:0} s)");
        var watch = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                TaskOutcome? answer;
                lock (_gate)
                {
                    answer = pending.Answer;
                }

                if (answer is not null)
                {
                    var answeredAt = startedAt + (watch.Elapsed < timeout ? watch.Elapsed : timeout);
                    if (answeredAt > _world.Clock.UtcNow)
                    {
                        _world.AdvanceTo(answeredAt);
                    }

                    _log($"{execution?.Arn ?? call.StateName}: approval answered ({(answer.Succeeded ? "success" : answer.Error)})");
                    return answer;
                }

                if (_stopping)
                {
                    throw new ExecutionStoppedException("the local engine is shutting down");
                }

                if (execution?.StopRequested == true)
                {
                    throw Stopped(execution);
                }

                var remaining = limit - watch.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    lock (_gate)
                    {
                        pending.Answer = TaskOutcome.Failure("States.Timeout", "The approval was not answered in time.");
                    }

                    _world.AdvanceTo(startedAt + timeout);
                    _log($"{execution?.Arn ?? call.StateName}: approval timed out");
                    return TaskOutcome.Failure("States.Timeout", "The approval was not answered in time.");
                }

                if (_queue.TryDequeue(out var item))
                {
                    if (startedAt + watch.Elapsed > _world.Clock.UtcNow)
                    {
                        _world.AdvanceTo(startedAt + watch.Elapsed);
                    }

                    Execute(item, nested: true);
                    continue;
                }

                _wake.WaitOne(remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            lock (_gate)
            {
                _approvals.Remove(token);
            }
        }
    }

    /// <summary>
    /// StopExecution of a running execution: it ends ABORTED in the simulated world with the stop's error and cause, so
    /// the world delivers its status change to the template's rules (the Recovery state machine starts).
    /// </summary>
    private Deploy.Rehearsal.ExecutionStoppedException Stopped(LocalExecution execution)
    {
        lock (_gate)
        {
            return new Deploy.Rehearsal.ExecutionStoppedException(Deploy.Rehearsal.ExecutionStatus.Aborted, execution.Error, execution.Cause);
        }
    }

    private sealed class PendingApproval
    {
        public TaskOutcome? Answer { get; set; }
    }

    /// <summary>An execution to run (StartExecution), or a synchronous run whose response completes <see cref="Completion"/>.</summary>
    private sealed record WorkItem(LocalExecution? Execution, JsonNode? Input, Action<TaskCompletionSource<JsonObject>>? Sync, TaskCompletionSource<JsonObject>? Completion);
}

/// <summary>
/// How simulated times are shown: shifted so that each execution started through the API (not nested in an approval
/// wait) starts at the real time it starts, and re-based when it starts waiting for an approval (the wait is real
/// time). Within a timeline (the execution, and the probes, retire and alarm rollback it leads to) time is the
/// simulated clock, so durations are the simulated ones; as waits take no real time, one execution may end "later"
/// than the next one starts. The shift is read and written under the host's lock.
/// </summary>
internal sealed class Timeline(TimeSpan shift)
{
    public TimeSpan Shift { get; set; } = shift;
}

/// <summary>Thrown into the simulated world to stop an execution where it is (StopExecution, shutdown).</summary>
internal sealed class ExecutionStoppedException(string what) : Exception($"Stopped: {what}");
