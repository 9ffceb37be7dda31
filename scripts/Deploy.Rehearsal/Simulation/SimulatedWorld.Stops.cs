using System.Globalization;
using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// Executions stopped from outside — <c>StopExecution</c>, the state machine's <c>TimeoutSeconds</c> — and the
/// "Step Functions Execution Status Change" events EventBridge delivers when an execution ends.
/// </summary>
public sealed partial class SimulatedWorld
{
    /// <summary>
    /// StopExecution: the execution ends <c>ABORTED</c> where it is, at once — in the middle of a Wait or an approval — and
    /// no Retry or Catch runs (Step Functions API reference, StopExecution; a Standard execution's task in flight is not
    /// waited for). Nothing happens when it is not running, as StopExecution of an ended execution changes nothing.
    /// </summary>
    /// <returns>Whether a running execution was stopped.</returns>
    public bool StopExecution(string executionArn, string? error = null, string? cause = null) =>
        RequestStop(Executions.FirstOrDefault(e => e.Arn == executionArn), ExecutionStatus.Aborted, error, cause);

    private static bool RequestStop(ExecutionRecord? execution, ExecutionStatus status, string? error, string? cause)
    {
        if (execution is null || execution.Result is not null || execution.Stop is not null)
        {
            return false;
        }

        execution.Stop = new ExecutionStoppedException(status, error, cause);
        return true;
    }

    private void ScheduleStops()
    {
        foreach (var stop in _scenario.Stops)
        {
            _pending.Add((Epoch.AddSeconds(stop.AtSeconds), () =>
            {
                var running = Executions.LastOrDefault(e => e.Machine == stop.Machine && e.Result is null);
                if (running is not null)
                {
                    StopExecution(running.Arn, stop.Error, stop.Cause);
                }
            }, $"operator stops the running {stop.Machine}"));
        }
    }

    /// <summary>
    /// A Standard execution that runs longer than its state machine's <c>TimeoutSeconds</c> ends <c>TIMED_OUT</c> with
    /// <c>States.Timeout</c>, without running a Catch (Amazon States Language, top-level fields: "If the execution runs
    /// longer than the specified time, the execution fails with a States.Timeout error").
    /// </summary>
    /// <returns>The scheduled deadline (removed again when the execution ends), or none.</returns>
    private (DateTimeOffset At, Action Apply, string What)? ScheduleTimeout(ExecutionRecord execution, JsonObject definition)
    {
        if (definition["TimeoutSeconds"] is not JsonValue value || !value.TryGetValue<double>(out var seconds) || seconds <= 0)
        {
            return null;
        }

        (DateTimeOffset At, Action Apply, string What) deadline = (execution.StartedAt.AddSeconds(seconds),
            () => RequestStop(execution, ExecutionStatus.TimedOut, ServiceErrors.TaskTimeout,
                $"The execution ran longer than its state machine's timeout ({seconds.ToString(CultureInfo.InvariantCulture)} seconds)."),
            $"{execution.Name} times out");
        _pending.Add(deadline);
        return deadline;
    }

    /// <summary>Stops <paramref name="execution"/> here when a stop was requested (the engine ends it, no Catch runs).</summary>
    private static void ThrowIfStopped(ExecutionRecord execution)
    {
        if (execution.Stop is { } stop)
        {
            throw stop;
        }
    }

    /// <summary>Whether a Recovery of <paramref name="executionArn"/> is queued (its end was delivered) or running.</summary>
    public bool RecoveryPending(string executionArn) =>
        _queued.Any(q => q.Machine == "Recovery" && Recovers(q.Input, executionArn))
        || Executions.Any(e => e.Machine == "Recovery" && e.Result is null && Recovers(e.Input, executionArn));

    /// <summary>The last Recovery execution started for <paramref name="executionArn"/>, if any.</summary>
    public ExecutionRecord? RecoveryOf(string executionArn) =>
        Executions.LastOrDefault(e => e.Machine == "Recovery" && Recovers(e.Input, executionArn));

    private static bool Recovers(JsonNode? input, string executionArn) =>
        input?["detail"]?["executionArn"]?.GetValue<string>() == executionArn;

    /// <summary>
    /// Step Functions sends "Step Functions Execution Status Change" to the default event bus when a Standard execution ends
    /// (EventBridge events reference, Step Functions events: best-effort delivery; the detail carries executionArn,
    /// stateMachineArn, name, status, startDate, stopDate, input, output, error and cause). Every enabled rule of the
    /// template that matches starts its target with the event as input, soon after (here: at once, queued).
    /// </summary>
    private void DeliverStatusChange(ExecutionRecord execution)
    {
        var result = execution.Result!;
        if (execution.Machine == "HealthProbe" || !_stack.MachineArn.TryGetValue(execution.Machine, out var machineArn))
        {
            return;
        }

        foreach (var rule in _stack.StatusChangeRules.Where(r => r.Enabled && r.Statuses.Contains(result.StatusName) && r.Machines.Contains(execution.Machine)))
        {
            static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
            var detail = new JsonObject
            {
                ["executionArn"] = execution.Arn,
                ["stateMachineArn"] = machineArn,
                ["name"] = execution.Name,
                ["status"] = result.StatusName,
                ["startDate"] = Millis(execution.StartedAt),
                ["stopDate"] = Millis(execution.EndedAt),
                ["input"] = execution.Input?.ToJsonString() ?? "{}",
                ["output"] = result.Output?.ToJsonString(),
                ["error"] = result.Error,
                ["cause"] = result.Cause,
            };
            var e = new JsonObject
            {
                ["version"] = "0",
                ["id"] = $"{execution.Name}-{result.StatusName.ToLowerInvariant()}",
                ["detail-type"] = "Step Functions Execution Status Change",
                ["source"] = "aws.states",
                ["account"] = "123456789012",
                ["time"] = Iso(execution.EndedAt),
                ["region"] = "us-east-1",
                ["resources"] = new JsonArray(execution.Arn),
                ["detail"] = detail,
            };
            _queued.Enqueue((rule.Target, e, "eventbridge"));
        }
    }
}
