using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Deploy.Rehearsal;
using Deploy.Rehearsal.Simulation;

namespace Deploy.LocalEngine;

/// <summary>
/// The environment in real, scaled time (<see cref="LocalEngineOptions.Speed"/> &gt; 0): the simulated clock is
/// <c>Epoch + (real now − origin) × speed</c>. The worker starts the executions without running them to their end
/// (<see cref="SimulatedWorld.BeginExecution"/>) and, on every tick (and whenever the API queues work), moves the world
/// to that instant (<see cref="SimulatedWorld.AdvanceTo"/>): what is due by then happens, the rest sleeps. So a
/// deployment is seen in its grace period, its polls, its canary bake; two deployments overlap; an approval waits in
/// simulated time until it is answered; StopExecution ends an execution where it is, in the middle of a Wait.
/// </summary>
/// <remarks>
/// Every time the API returns is the simulated time shown through the environment's one <see cref="Timeline"/>, whose
/// shift the worker sets on every tick so that the simulated now is shown as the real now: durations, and the elapsed
/// time of a running execution (now − startDate), are simulated, and one response's times are consistent. As simulated
/// time runs faster than the real one, the shown times of a running execution move back between two responses; once
/// it ended they stay as they were shown then.
/// </remarks>
internal sealed partial class EnvironmentHost
{
    /// <summary>The real time between two moves of the world's clock (when nothing else wakes the worker).</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>How many times the shutdown stops what still runs (a stop delivers an event, which may start a Recovery).</summary>
    private const int ShutdownRounds = 10;

    private readonly ConcurrentQueue<LocalExecution> _stops = new();
    private readonly ConcurrentQueue<SyncRun> _syncs = new();
    private readonly List<(SyncRun Run, SimulatedWorld.ExecutionRecord Record)> _runningSyncs = [];
    private readonly DateTimeOffset _origin;
    private readonly double _speed;

    /// <summary>Whether simulated time follows the real one (scaled); otherwise it runs instantly.</summary>
    private bool RealTime => _speed > 0;

    /// <summary>The simulated instant of the real now: <c>Epoch + (now − origin) × speed</c>.</summary>
    private DateTimeOffset SimulatedNow() => SimulatedAt(DateTimeOffset.UtcNow);

    private DateTimeOffset SimulatedAt(DateTimeOffset real) =>
        SimulatedWorld.Epoch + TimeSpan.FromTicks((long)((real - _origin).Ticks * _speed));

    private void RealTimeLoop()
    {
        while (!_stopping)
        {
            BeginQueued();
            ApplyStops();
            var real = DateTimeOffset.UtcNow;
            Advance(SimulatedAt(real), real);
            _wake.WaitOne(Tick);
        }

        ShutDown();
    }

    /// <summary>Starts what the API queued, at the current simulated instant; each acts from the next advance on.</summary>
    private void BeginQueued()
    {
        while (_queue.TryDequeue(out var item))
        {
            var execution = item.Execution!;
            lock (_gate)
            {
                if (!execution.Running)
                {
                    continue; // stopped while queued
                }

                execution.Started = true;
            }

            try
            {
                var record = _world.BeginExecution(execution.Machine.Role, item.Input, "operator", execution.Name);
                lock (_gate)
                {
                    execution.StartDate = record.StartedAt;
                }

                _log($"{execution.Arn}: started");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Failed(execution, e);
            }
        }

        while (_syncs.TryDequeue(out var sync))
        {
            try
            {
                _runningSyncs.Add((sync, _world.BeginExecution(sync.Machine.Role, sync.Input, "operator", sync.Name)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                sync.Completion.TrySetException(new ApiException("ServiceUnavailable", $"The local engine failed: {e.Message}"));
            }
        }
    }

    /// <summary>StopExecution in the world: the execution wakes where it sleeps and ends ABORTED at its next turn.</summary>
    private void ApplyStops()
    {
        while (_stops.TryDequeue(out var execution))
        {
            string? error;
            string? cause;
            lock (_gate)
            {
                if (!execution.Running)
                {
                    continue;
                }

                error = execution.Error;
                cause = execution.Cause;
            }

            _world.StopExecution(execution.WorldArn, error, cause);
        }
    }

    /// <summary>Moves the world to <paramref name="target"/> (shown at <paramref name="real"/>) and records what changed.</summary>
    private void Advance(DateTimeOffset target, DateTimeOffset real)
    {
        var failed = false;
        if (target > _world.Clock.UtcNow)
        {
            try
            {
                _world.AdvanceTo(target);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failure in one execution cancels every other one (SimulatedWorld.Concurrency.cs): none goes on.
                failed = true;
                _log($"the simulated world failed: {e.Message}");
            }
        }

        lock (_gate)
        {
            _timeline.Shift = real - _world.Clock.UtcNow;
            RecordWorld(failed);
        }

        for (var i = _runningSyncs.Count - 1; i >= 0; i--)
        {
            var (run, record) = _runningSyncs[i];
            if (record.Result is not null)
            {
                run.Completion.TrySetResult(SyncResponse(run.Machine, run.Name, run.InputText, record));
                _runningSyncs.RemoveAt(i);
            }
            else if (failed)
            {
                run.Completion.TrySetException(new ApiException("ServiceUnavailable", "The local engine failed while running the execution."));
                _runningSyncs.RemoveAt(i);
            }
        }
    }

    /// <summary>Registers the executions the world started (retire, rollback, recovery) and records those that ended.</summary>
    private void RecordWorld(bool failed)
    {
        foreach (var record in _world.Executions)
        {
            if (record.Machine == StackCatalog.HealthProbe && !_byWorldArn.ContainsKey(record.Arn))
            {
                continue; // a flow's probe, or a StartSyncExecution (answered above)
            }

            var execution = FindOrRegister(record);
            if (!execution.Running)
            {
                continue;
            }

            if (record.Result is not null)
            {
                Complete(execution, record);
                _log($"{execution.Arn}: {execution.Status}{(execution.Error is null ? string.Empty : $" {execution.Error}")}");
            }
            else if (failed)
            {
                execution.Error ??= "States.Runtime";
                execution.Cause ??= "The local engine failed while running the execution.";
                Finish(execution, "FAILED", _world.Clock.UtcNow);
            }
        }
    }

    /// <summary>
    /// Answers an approval task in real time: the execution sleeps in simulated time, bit by bit, until
    /// SendTaskSuccess/SendTaskFailure answers its token, it is stopped, or the task's TimeoutSeconds pass (the world
    /// fails the task there, SimulatedWorld.Timeouts.cs); with --approval-timeout, after that many real seconds.
    /// </summary>
    private TaskOutcome OnApprovalInRealTime(TaskCall call, JsonObject message)
    {
        var (token, pending, execution) = AwaitAnswer(call, message);

        var startedAt = _world.Clock.UtcNow;
        var limit = _approvalTimeout is { } real ? real * _speed : (TimeSpan?)null;
        var step = Tick * _speed < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : Tick * _speed;
        var what = execution?.Arn ?? call.StateName;
        _log($"{what}: waits for approval (task token {token}; up to {(limit ?? TimeSpan.FromSeconds(call.TimeoutSeconds ?? 0)).TotalSeconds:0} simulated s)");
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
                    _log($"{what}: approval answered ({(answer.Succeeded ? "success" : answer.Error)})");
                    return answer;
                }

                if (_stopping)
                {
                    throw new Deploy.Rehearsal.ExecutionStoppedException(ExecutionStatus.Aborted, "States.Runtime", "The local engine shut down.");
                }

                if (execution?.StopRequested == true)
                {
                    throw Stopped(execution);
                }

                if (limit is { } l && _world.Clock.UtcNow - startedAt >= l)
                {
                    lock (_gate)
                    {
                        pending.Answer = TaskOutcome.Failure("States.Timeout", "The approval was not answered in time.");
                    }

                    _log($"{what}: approval timed out");
                    return pending.Answer;
                }

                var before = _world.Clock.UtcNow;
                _world.AdvanceTo(before + step); // at the task's deadline the world fails it with States.Timeout
                if (_world.Clock.UtcNow <= before)
                {
                    // Woken at once: stopped in the world (StopExecution); the world ends the execution after this answer.
                    return TaskOutcome.Failure("States.Runtime", "The execution was stopped while it waited for approval.");
                }
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

    /// <summary>Stops what still runs (a few rounds: a stop may start a Recovery), then ends what is left.</summary>
    private void ShutDown()
    {
        var failed = false;
        for (var round = 0; round < ShutdownRounds; round++)
        {
            var running = _world.Executions.Where(r => r.Result is null).ToList();
            if (running.Count == 0)
            {
                break;
            }

            foreach (var record in running)
            {
                _world.StopExecution(record.Arn, "States.Runtime", "The local engine shut down.");
            }

            try
            {
                _world.AdvanceTo(_world.Clock.UtcNow + TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed = true;
                break;
            }
        }

        lock (_gate)
        {
            RecordWorld(failed);
            foreach (var execution in _executions.Where(e => e.Running))
            {
                execution.Error ??= "States.Runtime";
                execution.Cause ??= "The local engine shut down.";
                Finish(execution, "ABORTED", _world.Clock.UtcNow);
            }
        }

        foreach (var (run, _) in _runningSyncs)
        {
            run.Completion.TrySetException(new ApiException("ServiceUnavailable", "The local engine is shutting down."));
        }

        while (_syncs.TryDequeue(out var left))
        {
            left.Completion.TrySetException(new ApiException("ServiceUnavailable", "The local engine is shutting down."));
        }
    }

    /// <summary>A StartSyncExecution waiting for the worker (real time).</summary>
    private sealed record SyncRun(MachineInfo Machine, string Name, string InputText, JsonNode? Input, TaskCompletionSource<JsonObject> Completion);
}
