using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// Concurrent executions in simulated time: every Standard execution runs on its own thread, and a cooperative
/// scheduler lets exactly one thread act at a time, so the executions interleave at simulated-time granularity as they
/// would on Step Functions, deterministically.
/// </summary>
/// <remarks>
/// <para>An execution acts (its tasks are answered, which is instant in simulated time) until it waits: a Wait state, a
/// retry pause, an approval answered later, a task that never answers until its deadline. It then sleeps until that
/// instant and hands over. When nobody can act at the current instant, the clock moves to the earliest of: the next
/// whole minute the alarms are evaluated at, the next scheduled event (metrics changing, an operator's action, a stop,
/// a state-machine timeout), the next sleeper's wake-up — in that order at equal times, sleepers by the order they went
/// to sleep. Executions started by an event or by another execution (an alarm's Rollback, EventBridge's Recovery, the
/// retire step) start at that instant, before the sleepers due then.</para>
/// <para>A <c>.sync</c> HealthProbe child is part of its parent's task: it runs on the parent's thread, and its waits are
/// the parent's (while it waits, the others act). StopExecution wakes a sleeping execution at once (it ends where it
/// is). Whoever drives the world from outside (a test, the local engine's worker) is one more participant: it waits for
/// what it asked for (an execution's end, an instant, nothing left to happen).</para>
/// <para>When a participant fails (an exception that is not an execution's own stop), every other execution is cancelled
/// one at a time and the failure is rethrown to the driver.</para>
/// </remarks>
public sealed partial class SimulatedWorld
{
    private readonly Dictionary<int, Participant> _participants = new();
    private Participant? _running;
    private long _sequence;
    private ExceptionDispatchInfo? _failure;

    /// <summary>One thread taking part: an execution's, or the driver's.</summary>
    private sealed class Participant(string name, bool driver)
    {
        public string Name { get; } = name;

        public bool IsDriver { get; } = driver;

        /// <summary>The executions this thread runs, innermost (a .sync child) on top.</summary>
        public Stack<ExecutionRecord> Stack { get; } = new();

        public SemaphoreSlim Turn { get; } = new(0, 1);

        /// <summary>Sleeping until this instant.</summary>
        public DateTimeOffset? WakeAt { get; set; }

        /// <summary>Waiting until this holds.</summary>
        public Func<bool>? Until { get; set; }

        public long Sequence { get; set; }

        /// <summary>Its key among the participants until its thread starts.</summary>
        public int Key { get; init; }

        /// <summary>The thread to start on its first turn (an execution not started yet).</summary>
        public Thread? Pending { get; set; }

        public bool Done { get; set; }

        public bool Cancelled { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>Thrown in an execution's thread when the world failed elsewhere: it ends without acting further.</summary>
    private sealed class WorldFailedException() : Exception("The simulated world failed in another execution.");

    /// <summary>The calling thread's participant: its execution's, or the driver (created on first use).</summary>
    private Participant Self()
    {
        var thread = Environment.CurrentManagedThreadId;
        lock (_participants)
        {
            if (_participants.TryGetValue(thread, out var known))
            {
                return known;
            }

            if (_running is { Done: false })
            {
                throw new InvalidOperationException(
                    $"The simulated world was called on thread {thread} while {_running} acts; it serves one thread at a time.");
            }

            var driver = new Participant($"driver (thread {thread})", driver: true);
            _participants[thread] = driver;
            return driver;
        }
    }

    /// <summary>Makes the calling thread the one acting (the driver starts acting when it calls in).</summary>
    private Participant Act()
    {
        var me = Self();
        if (_running is null || _running.Done)
        {
            _running = me;
        }
        else if (_running != me)
        {
            throw new InvalidOperationException($"The simulated world was called by {me} while {_running} acts; it serves one thread at a time.");
        }

        return me;
    }

    /// <summary>The driver stops acting when its call returns (nobody acts until the next call).</summary>
    private void Idle(Participant me)
    {
        if (me.IsDriver && _running == me)
        {
            _running = null;
        }
    }

    /// <summary>The calling thread's executions (empty for the driver outside any execution).</summary>
    private Stack<ExecutionRecord> Current => Self().Stack;

    /// <summary>Starts <paramref name="record"/> on its own thread; it acts from the current instant on.</summary>
    private Participant Launch(ExecutionRecord record, JsonObject definition)
    {
        var sequence = ++_sequence;
        var participant = new Participant(record.Name, driver: false) { WakeAt = Clock.UtcNow, Sequence = sequence, Key = -(int)sequence };
        participant.Pending = new Thread(() => Body(participant, record, definition))
        {
            IsBackground = true,
            Name = $"rehearsal {record.Name}",
        };
        lock (_participants)
        {
            _participants[participant.Key] = participant; // not started yet: keyed until its thread exists
        }

        return participant;
    }

    private void Body(Participant me, ExecutionRecord record, JsonObject definition)
    {
        lock (_participants)
        {
            _participants.Remove(me.Key);
            _participants[Environment.CurrentManagedThreadId] = me;
        }

        try
        {
            Execute(me, record, definition);
        }
        catch (Exception e) when (!me.Cancelled && e is not WorldFailedException)
        {
            _failure ??= ExceptionDispatchInfo.Capture(e);
        }
        catch (Exception)
        {
            // Cancelled: the failure is elsewhere and already recorded.
        }

        me.Done = true;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Pass(me);
                break;
            }
            catch (Exception e) when (attempt < 100)
            {
                // An event applied while handing over failed: the driver learns it.
                _failure ??= ExceptionDispatchInfo.Capture(e);
            }
        }

        lock (_participants)
        {
            _participants.Remove(Environment.CurrentManagedThreadId);
        }
    }

    /// <summary>
    /// The world's time goes on until <paramref name="me"/> (which acts now and has set what it waits for, or is done)
    /// may act again: events apply, other executions act in turn. Returns on <paramref name="me"/>'s turn; for a done
    /// participant, once it handed over.
    /// </summary>
    private void Pass(Participant me)
    {
        while (true)
        {
            var next = NextToAct(me);
            if (next is null)
            {
                continue; // the clock moved or an event applied: look again
            }

            if (next == me)
            {
                me.WakeAt = null;
                me.Until = null;
                return;
            }

            next.WakeAt = null;
            next.Until = null;
            _running = next;
            if (next.Pending is { } thread)
            {
                next.Pending = null;
                thread.Start();
            }
            else
            {
                next.Turn.Release();
            }

            if (me.Done)
            {
                return;
            }

            me.Turn.Wait();
            return;
        }
    }

    /// <summary>Who acts next at the current instant, or <see langword="null"/> after moving the clock or applying an event.</summary>
    private Participant? NextToAct(Participant me)
    {
        if (_failure is not null)
        {
            return Unwind(me);
        }

        StartQueued();
        var now = Clock.UtcNow;
        List<Participant> live;
        lock (_participants)
        {
            live = _participants.Values.Where(p => !p.Done).ToList();
        }

        var ready = live
            .Where(p => (p.WakeAt is { } at && (at <= now || Interrupted(p))) || (p.Until?.Invoke() ?? false))
            .OrderBy(p => p.WakeAt ?? now).ThenBy(p => p.Sequence)
            .FirstOrDefault();
        if (ready is not null)
        {
            return ready;
        }

        var sleeper = live.Where(p => p.WakeAt is not null).Select(p => p.WakeAt!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var due = _pending.OrderBy(p => p.At).Cast<(DateTimeOffset At, Action Apply, string What)?>().FirstOrDefault();
        var eventAt = due?.At ?? DateTimeOffset.MaxValue;
        var horizon = sleeper < eventAt ? sleeper : eventAt;
        // Alarms are evaluated every whole minute on the way, before an event due at the same instant; with nothing
        // else to happen, for as long as an alarm could still change (AlarmsUnsettled).
        if (NextAlarmTick(horizon) is { } tick && (horizon != DateTimeOffset.MaxValue || AlarmsUnsettled()))
        {
            MoveClockTo(tick);
            EvaluateAlarms(tick);
            return null;
        }

        if (due is { } e && e.At <= sleeper)
        {
            MoveClockTo(e.At);
            _pending.Remove(e);
            e.Apply();
            return null;
        }

        if (sleeper != DateTimeOffset.MaxValue)
        {
            MoveClockTo(sleeper);
            return null;
        }

        var waiting = string.Join(", ", live.Where(p => p.Until is not null).Select(p => p.Name));
        throw new InvalidOperationException($"The simulated world cannot go on: nothing is scheduled, and {waiting} wait(s) for what cannot happen.");
    }

    private void MoveClockTo(DateTimeOffset at)
    {
        if (at > Clock.UtcNow)
        {
            Clock.Advance(at - Clock.UtcNow);
        }
    }

    /// <summary>After a failure: every other execution is cancelled, one at a time; then the driver learns it.</summary>
    private Participant Unwind(Participant me)
    {
        List<Participant> live;
        lock (_participants)
        {
            live = _participants.Values.Where(p => !p.Done && p != me).ToList();
        }

        foreach (var pending in live.Where(p => p.Pending is not null))
        {
            pending.Pending = null;
            pending.Done = true;
            lock (_participants)
            {
                _participants.Remove(pending.Key);
            }
        }

        if (live.FirstOrDefault(p => !p.IsDriver && !p.Done) is { } victim)
        {
            victim.Cancelled = true;
            return victim;
        }

        if (!me.IsDriver && !me.Done)
        {
            me.Cancelled = true;
            return me;
        }

        return me.IsDriver ? me : live.FirstOrDefault(p => p.IsDriver && !p.Done) ?? me;
    }

    /// <summary>Rethrows a failure to the driver (once), or ends a cancelled execution's thread.</summary>
    private void ThrowIfFailed(Participant me)
    {
        if (me.Cancelled)
        {
            throw new WorldFailedException();
        }

        if (me.IsDriver && _failure is { } failure)
        {
            _failure = null;
            Idle(me);
            failure.Throw();
        }
    }

    /// <summary>Starts what events and executions queued, at the current instant, in the order they were queued.</summary>
    private void StartQueued()
    {
        while (_queued.Count > 0)
        {
            var (machine, input, why) = _queued.Dequeue();
            var record = NewRecord(machine, input, why, null, parent: null);
            Launch(record, _stack.Definition(machine));
        }
    }

    /// <summary>Whether a sleeping participant's execution was stopped (it wakes at once and ends where it is).</summary>
    private static bool Interrupted(Participant participant) => participant.Stack.Count > 0 && Stopped(participant.Stack);

    /// <summary>The calling participant waits until <paramref name="condition"/> holds, while the world goes on.</summary>
    private void WaitUntil(Participant me, Func<bool> condition)
    {
        if (condition())
        {
            return;
        }

        me.Until = condition;
        me.Sequence = ++_sequence;
        Pass(me);
        ThrowIfFailed(me);
    }

    /// <summary>
    /// Moves the clock to <paramref name="target"/>, applying every scheduled event on the way and letting every other
    /// execution act in turn; called from a task answer, the calling execution sleeps until then. Never past the deadline
    /// of a task the calling execution waits on (see SimulatedWorld.Timeouts.cs); a stop requested meanwhile ends the wait
    /// early.
    /// </summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        var me = Act();
        try
        {
            target = ClampToDeadline(target, out var reached);
            me.WakeAt = target > Clock.UtcNow ? target : Clock.UtcNow;
            me.Sequence = ++_sequence;
            Pass(me);
            ThrowIfFailed(me);
            if (me.Stack.Count > 0 && Stopped(me.Stack))
            {
                // Stopped here: the execution ends now, in the middle of its Wait or task (see StopExecution); a .sync
                // child of a stopped execution with it.
                return;
            }

            PruneTerminated();
            if (reached is not null)
            {
                ReachDeadline(reached);
            }
        }
        finally
        {
            Idle(me);
        }
    }

    /// <summary>Runs queued executions and scheduled events, with every execution in flight, until nothing is left.</summary>
    public void Drain()
    {
        var me = Act();
        try
        {
            WaitUntil(me, () => Quiescent(me));
        }
        finally
        {
            Idle(me);
        }
    }

    private bool Quiescent(Participant me)
    {
        if (_queued.Count > 0 || _pending.Count > 0 || AlarmsUnsettled())
        {
            return false;
        }

        lock (_participants)
        {
            return _participants.Values.All(p => p.Done || p.IsDriver);
        }
    }

    /// <summary>
    /// Starts one execution of a state machine at the current instant and returns at once (named as in
    /// <see cref="RunExecution(string, JsonNode?, string, string?)"/>): it acts from the driver's next
    /// <see cref="AdvanceTo"/> or <see cref="Drain"/> on, concurrently with the others. For a driver that moves the
    /// clock itself, bit by bit (the local engine in real, scaled time).
    /// </summary>
    public ExecutionRecord BeginExecution(string machine, JsonNode? input, string why, string? executionName)
    {
        var me = Act();
        try
        {
            var record = NewRecord(machine, input, why, executionName, parent: null);
            Launch(record, _stack.Definition(machine));
            return record;
        }
        finally
        {
            Idle(me);
        }
    }

    /// <summary>Runs one execution of a state machine now, in the shared simulated time.</summary>
    public ExecutionRecord RunExecution(string machine, JsonNode? input, string why) => RunExecution(machine, input, why, null);

    /// <summary>
    /// Runs one execution of a state machine now, in the shared simulated time, named <paramref name="executionName"/>
    /// (its ARN is <c>arn:aws:states:us-east-1:123456789012:execution:&lt;app&gt;-&lt;env&gt;-&lt;machine&gt;:&lt;name&gt;</c>);
    /// <see langword="null"/> for the default name <c>&lt;machine&gt;-&lt;n&gt;</c>. Returns when it ended; executions
    /// running concurrently (started by it, by events, or before it) go on with the world.
    /// </summary>
    public ExecutionRecord RunExecution(string machine, JsonNode? input, string why, string? executionName)
    {
        var me = Act();
        try
        {
            var record = NewRecord(machine, input, why, executionName, parent: null);
            var execution = Launch(record, _stack.Definition(machine));
            WaitUntil(me, () => execution.Done);
            return record;
        }
        finally
        {
            Idle(me);
        }
    }
}
