using Deploy.Contracts;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// Task timeouts in simulated time: every Task attempt with <c>TimeoutSeconds</c> (and, for a <c>.waitForTaskToken</c>
/// task, <c>HeartbeatSeconds</c>) has a deadline, and the world never lets the clock pass it for that attempt.
/// </summary>
/// <remarks>
/// As the Step Functions developer guide describes the Task state fields (<c>TimeoutSeconds</c>: "if the task runs longer
/// than the specified seconds, this state fails with a <c>States.Timeout</c> error name"; <c>HeartbeatSeconds</c>: "if more
/// time than the specified seconds elapses between heartbeats from the task, this state fails with a
/// <c>States.HeartbeatTimeout</c> error name"), and SendTaskHeartbeat ("the Timeout of a task is its maximum allowed
/// duration, regardless of the number of SendTaskHeartbeat requests received"):
/// <list type="bullet">
/// <item>The deadline of an attempt is its start (after any retry pause, which belongs to no attempt) plus
/// <c>TimeoutSeconds</c>; for a callback task (<c>.waitForTaskToken</c>) also its start plus <c>HeartbeatSeconds</c>, since
/// nobody in the rehearsal sends heartbeats; the earlier one wins (a tie is a <c>States.Timeout</c>).</item>
/// <item>Whatever the answer advances the clock with — an approval waiting for the operator, a <c>.sync</c> HealthProbe child
/// and its retry pauses, an injected <c>timeout</c> fault — stops at the deadline: the clock is moved to it (events due by
/// then apply, and alarms are evaluated up to that instant, not after), the attempt fails there, and what the service
/// already did stays done (a published message stays published). A <c>.sync</c> child still running then is stopped where
/// it is and ends <c>ABORTED</c> (see <see cref="ReachDeadline"/>).</item>
/// <item>Executions started meanwhile by events (an alarm's Rollback, an operator) are concurrent, not part of the task:
/// they act in turn while the attempt waits (SimulatedWorld.Concurrency.cs), and the attempt still ends at its deadline.</item>
/// <item>A Task without <c>TimeoutSeconds</c> has no deadline (Step Functions' default is 99999999 seconds).</item>
/// <item>A Wait state is not a Task: it has no timeout.</item>
/// </list>
/// </remarks>
public sealed partial class SimulatedWorld
{
    /// <summary>The deadline of the attempt each execution has in flight (an execution runs one task at a time).</summary>
    private readonly Dictionary<ExecutionRecord, TaskDeadline> _deadlines = new();

    /// <summary>When an attempt times out, and the error it fails with then.</summary>
    private sealed record TaskDeadline(ExecutionRecord Execution, string State, DateTimeOffset At, string Error, int Seconds)
    {
        /// <summary>Whether the clock reached the deadline while the attempt was in flight (it fails with the timeout).</summary>
        public bool Reached { get; set; }

        public TaskOutcome Outcome() => TaskOutcome.Failure(Error, Error == ServiceErrors.TaskTimeout
            ? $"{State} did not complete within its TimeoutSeconds ({Seconds} s)."
            : $"{State} sent no heartbeat within its HeartbeatSeconds ({Seconds} s).");
    }

    /// <summary>Thrown by <see cref="AdvanceTo"/> when the clock reaches the deadline of a task the current execution waits on.</summary>
    private sealed class TaskDeadlineReached(TaskDeadline deadline)
        : Exception($"{deadline.State} of {deadline.Execution.Name} timed out at {deadline.At:O}")
    {
        public TaskDeadline Deadline { get; } = deadline;
    }

    /// <summary>Answers one attempt of a Task state within its deadline.</summary>
    private TaskOutcome WithinDeadline(ExecutionRecord execution, TaskCall call, Func<TaskOutcome> attempt)
    {
        var deadline = DeadlineOf(execution, call);
        if (deadline is null)
        {
            return attempt();
        }

        _deadlines[execution] = deadline;
        try
        {
            var outcome = attempt();
            // The clock reached the deadline in a .sync child (stopped there), or ran past it while concurrent executions ran
            // nested in this answer: the attempt timed out.
            return deadline.Reached || Clock.UtcNow > deadline.At ? LoggedTimeout(execution, call, deadline) : outcome;
        }
        catch (TaskDeadlineReached reached) when (ReferenceEquals(reached.Deadline, deadline))
        {
            return LoggedTimeout(execution, call, deadline);
        }
        finally
        {
            _deadlines.Remove(execution);
        }
    }

    private TaskOutcome LoggedTimeout(ExecutionRecord execution, TaskCall call, TaskDeadline deadline)
    {
        var outcome = deadline.Outcome();
        var (service, action) = Api(call.Resource);
        CallLog.Add(new WorldCall(deadline.At, execution.Name, call.StateName, call.Resource, $"{service}:{action}", call.Input?.DeepClone(),
            false, null, outcome.Error, outcome.Cause));
        return outcome;
    }

    private TaskDeadline? DeadlineOf(ExecutionRecord execution, TaskCall call)
    {
        var now = Clock.UtcNow;
        TaskDeadline? deadline = call.TimeoutSeconds is { } timeout
            ? new TaskDeadline(execution, call.StateName, now.AddSeconds(timeout), ServiceErrors.TaskTimeout, timeout)
            : null;
        if (call.HeartbeatSeconds is { } heartbeat && call.IsCallback
            && (deadline is null || heartbeat < deadline.Seconds))
        {
            deadline = new TaskDeadline(execution, call.StateName, now.AddSeconds(heartbeat), HeartbeatTimeout, heartbeat);
        }

        return deadline;
    }

    /// <summary>The error of a task whose heartbeat did not arrive in time (Step Functions developer guide, error names).</summary>
    private const string HeartbeatTimeout = ServiceErrors.HeartbeatTimeout;

    /// <summary>
    /// The earliest deadline the clock must not pass now: that of the current execution's attempt and, through
    /// <c>.sync</c> children, of the attempts that wait for them. Executions started by events are not part of any task.
    /// </summary>
    private TaskDeadline? CurrentDeadline()
    {
        TaskDeadline? earliest = null;
        var stack = Current;
        for (var execution = stack.Count > 0 ? stack.Peek() : null; execution is not null;
             execution = IsSyncChild(execution) ? execution.Parent : null)
        {
            if (_deadlines.TryGetValue(execution, out var deadline) && (earliest is null || deadline.At < earliest.At))
            {
                earliest = deadline;
            }
        }

        return earliest;
    }

    /// <summary>Whether the execution was started by its parent's <c>.sync</c> task (a HealthProbe), so it is part of that task.</summary>
    private static bool IsSyncChild(ExecutionRecord execution) => execution.Why == SyncChild;

    /// <summary>The <see cref="ExecutionRecord.Why"/> of a HealthProbe started by a <c>states:startExecution.sync:2</c> task.</summary>
    private const string SyncChild = "probe";

    /// <summary>
    /// <paramref name="target"/>, or the deadline of a task the current execution waits on when <paramref name="target"/> is
    /// past it (<paramref name="reached"/>: <see cref="AdvanceTo"/> moves the clock there and then calls
    /// <see cref="ReachDeadline"/>).
    /// </summary>
    private DateTimeOffset ClampToDeadline(DateTimeOffset target, out TaskDeadline? reached)
    {
        reached = CurrentDeadline() is { } deadline && target > deadline.At ? deadline : null;
        return reached?.At ?? target;
    }

    /// <summary>
    /// The clock is at <paramref name="deadline"/>: the attempt fails there. When the current execution is the one whose
    /// task timed out, its answer ends now (<see cref="TaskDeadlineReached"/>). When it is a <c>.sync</c> child the task
    /// waits for, Step Functions stops the child (<c>ABORTED</c>, as StopExecution does): the task that managed it is
    /// over, and the role of a <c>startExecution.sync</c> task holds <c>states:StopExecution</c> on the child's executions
    /// for that (Step Functions developer guide, "IAM policies for nested Step Functions calls", synchronous); a job a
    /// <c>.sync</c> task manages is ended when that task is aborted ("The Task state ... which was managing this resource
    /// was aborted", as Batch records it). The parent's attempt then fails with the timeout when the child's answer
    /// comes back (<see cref="WithinDeadline"/>).
    /// </summary>
    private void ReachDeadline(TaskDeadline deadline)
    {
        deadline.Reached = true;
        var current = Current.Peek();
        if (current == deadline.Execution)
        {
            throw new TaskDeadlineReached(deadline);
        }

        StopSyncChildren(current, deadline.Execution, $"Stopped by Step Functions: {deadline.State} of {deadline.Execution.Name}, which waited for this execution, timed out.");
        throw current.Stop!;
    }

    /// <summary>
    /// Stops (<c>ABORTED</c>) <paramref name="child"/> and the <c>.sync</c> children above it up to <paramref name="owner"/>,
    /// the execution whose task ended without them (see <see cref="ReachDeadline"/>).
    /// </summary>
    private static void StopSyncChildren(ExecutionRecord child, ExecutionRecord owner, string cause)
    {
        for (var execution = child; execution != owner && IsSyncChild(execution) && execution.Parent is { } parent; execution = parent)
        {
            RequestStop(execution, ExecutionStatus.Aborted, null, cause);
        }
    }

    /// <summary>
    /// Whether the execution on top of <paramref name="stack"/> (a participant's) is stopped: its own stop, or one of the
    /// executions whose <c>.sync</c> task it answers was stopped (StopExecution, a state-machine timeout), in which case
    /// Step Functions stops it too, as at a task's deadline (see <see cref="ReachDeadline"/>).
    /// </summary>
    private static bool Stopped(Stack<ExecutionRecord> stack)
    {
        if (stack.Count == 0)
        {
            return false;
        }

        var current = stack.Peek();
        for (var execution = current; current.Stop is null && IsSyncChild(execution) && execution.Parent is { } parent; execution = parent)
        {
            if (parent.Stop is not null)
            {
                StopSyncChildren(current, parent, $"Stopped by Step Functions: {parent.Name}, which waited for this execution, was stopped.");
            }
        }

        return current.Stop is not null;
    }

    /// <summary>
    /// An injected <c>timeout</c> fault: the service never answers, so the attempt fails when its deadline passes (the clock
    /// moves there); without a deadline, at once.
    /// </summary>
    private TaskOutcome NeverAnswered(TaskCall call, string action)
    {
        if (Current is { Count: > 0 } stack && _deadlines.TryGetValue(stack.Peek(), out var deadline))
        {
            AdvanceTo(deadline.At);
            return deadline.Outcome();
        }

        return TaskOutcome.Failure(ServiceErrors.TaskTimeout, $"{action} did not answer ({call.StateName} has no TimeoutSeconds)");
    }
}
