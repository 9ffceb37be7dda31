using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Deploy.Rehearsal.Internal;

namespace Deploy.Rehearsal;

/// <summary>
/// Runs Amazon States Language definitions offline in aws-local-stepfunctions (a long-lived
/// Node.js process running <c>scripts/rehearsal/engine.mjs</c>), with every Task state answered by
/// an <see cref="ITaskHandler"/> and time simulated: Wait states and retry pauses never sleep.
/// </summary>
/// <remarks>
/// <para>Before a definition runs, the engine rewrites Wait and Fail states into Task states
/// (see <see cref="RehearsalResources"/>) and takes task timeouts away from real timers (the handler
/// decides when a task times out). The event log still names the original types.</para>
/// <para>The Context Object is the one passed to <see cref="Run"/>, completed with plausible
/// defaults; <c>$$.State.EnteredTime</c> is the simulated clock when the state was entered,
/// <c>$$.Task.Token</c> a fresh token per task attempt (see <see cref="TaskCall.TaskToken"/>).</para>
/// <para>One engine serves many executions, one after another, nested (a handler may call <see cref="Run"/>) or
/// concurrently from several threads that take turns: a thread may call <see cref="Run"/> while another thread's
/// execution is in flight only while that thread is inside a task handler (it is not reading from the engine then), as
/// the simulated world's cooperative scheduler does. Each run's tasks are answered on the thread that started it.</para>
/// </remarks>
public sealed class RehearsalEngine : IDisposable
{
    private readonly NodeProcess _node;
    private readonly RehearsalEngineOptions _options;
    private readonly Dictionary<int, RunSlot> _runs = [];
    private readonly object _gate = new();
    private int _lastRunId;
    private int _depth;
    private int _ownerThreadId;
    private string? _faulted;
    private bool _disposed;

    private RehearsalEngine(NodeProcess node, RehearsalEngineOptions options, string engineVersion, string root)
    {
        _node = node;
        _options = options;
        EngineVersion = engineVersion;
        PolicySimulator = new Authorization.PolicySimulator(root, options.NodeExecutable);
    }

    /// <summary>The IAM policy evaluator the simulated world authorizes calls with (its process starts on first use, stops with the engine).</summary>
    public Authorization.PolicySimulator PolicySimulator { get; }

    /// <summary>The engine package and version, for example <c>aws-local-stepfunctions@3.0.0</c>.</summary>
    public string EngineVersion { get; }

    /// <summary>
    /// Starts the engine: <c>node --require scripts/rehearsal/polyfills.cjs scripts/rehearsal/engine.mjs</c>
    /// in <paramref name="repositoryRoot"/>, and waits until it is ready.
    /// </summary>
    /// <param name="repositoryRoot">The repository root (the folder with <c>Deploy.sln</c> and <c>node_modules</c>).</param>
    /// <param name="options">Options; default: <see cref="RehearsalEngineOptions"/> defaults.</param>
    /// <exception cref="RehearsalException">Node.js, the scripts or the npm packages are missing, or the engine did not start.</exception>
    public static RehearsalEngine Start(string repositoryRoot, RehearsalEngineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        options ??= new RehearsalEngineOptions();
        var root = Path.GetFullPath(repositoryRoot);
        var engineScript = NodeLocator.RequireFile(root, "scripts/rehearsal/engine.mjs", "Is this the repository root?");
        var polyfills = NodeLocator.RequireFile(root, "scripts/rehearsal/polyfills.cjs", "Is this the repository root?");
        NodeLocator.RequireEnginePackage(root);
        var nodeExecutable = NodeLocator.FindNode(options.NodeExecutable);

        var node = NodeProcess.Start(nodeExecutable, root, ["--require", polyfills, engineScript], options.Diagnostics);
        try
        {
            string? line;
            try
            {
                line = node.ReadLine(options.StartupTimeout);
            }
            catch (TimeoutException)
            {
                throw new RehearsalException(node.Describe($"The rehearsal engine did not start within {options.StartupTimeout.TotalSeconds:0} s"));
            }

            if (line is null)
            {
                throw new RehearsalException(node.Describe("The rehearsal engine exited while starting"));
            }

            var ready = Protocol.Parse(line);
            if (Protocol.TypeOf(ready) != "ready")
            {
                throw new RehearsalException(node.Describe($"The rehearsal engine started with an unexpected message: {line}"));
            }

            return new RehearsalEngine(node, options, (string?)ready["engine"] ?? "unknown", root);
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one execution of <paramref name="definition"/> and returns how it ended. Every task
    /// attempt of this execution is answered by <paramref name="handler"/>; tasks of other
    /// executions in flight (when this is a nested run) keep going to their own handlers.
    /// </summary>
    /// <param name="definition">The state machine definition (concrete JSON: CloudFormation tokens already resolved).</param>
    /// <param name="input">The execution input (<see langword="null"/> for JSON null).</param>
    /// <param name="handler">Answers the execution's tasks and waits.</param>
    /// <param name="context">
    /// The Context Object, in part or whole (<c>Execution.Id/Name/StartTime</c>,
    /// <c>StateMachine.Id/Name</c>, <c>State.EnteredTime</c>, <c>Task.Token</c>). Missing fields get
    /// defaults: execution <c>rehearsal-&lt;run id&gt;</c> of state machine <c>RehearsalStateMachine</c>,
    /// start time = the clock (or 2024-01-01T00:00:00.000Z). A <c>Task.Token</c> given here is used
    /// for every task; otherwise each attempt gets a fresh one.
    /// </param>
    /// <param name="clock">
    /// The simulated clock. When set, its time is sent with the run and with every answer, and
    /// <c>$$.State.EnteredTime</c> is the clock's time when the state was entered. Default: the
    /// clock stays at the context's time.
    /// </param>
    /// <returns>The execution's status, output or error, and event log.</returns>
    /// <exception cref="RehearsalException">The engine process failed or stopped answering.</exception>
    /// <exception cref="InvalidOperationException">Called from a second thread while an execution is in flight.</exception>
    /// <remarks>An exception thrown by <paramref name="handler"/> aborts the execution and is rethrown here, except an
    /// <see cref="ExecutionStoppedException"/>: it stops the execution as StopExecution or a timeout would, and the
    /// result says so (<see cref="ExecutionStatus.Aborted"/> or <see cref="ExecutionStatus.TimedOut"/>).</remarks>
    public ExecutionResult Run(JsonObject definition, JsonNode? input, ITaskHandler handler, JsonObject? context = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(handler);
        Enter();
        RunSlot? slot = null;
        try
        {
            slot = new RunSlot(++_lastRunId, handler, clock, Environment.CurrentManagedThreadId);
            _runs.Add(slot.Id, slot);
            Send(Protocol.Run(slot.Id, definition, input, context, slot.Now, _options.ValidateDefinitions));
            while (!slot.Completed)
            {
                Dispatch(NextMessage());
            }

            if (slot.HandlerFailure?.SourceException is ExecutionStoppedException stopped && slot.Result is { } aborted)
            {
                // Stopped from outside (StopExecution, the state machine's timeout): a result, not a failure of the handler.
                return aborted with { Status = stopped.Status, Output = null, Error = stopped.Error, Cause = stopped.Message };
            }

            slot.HandlerFailure?.Throw();
            return slot.Result ?? throw Fault($"the rehearsal engine ended run {slot.Id} without a result");
        }
        finally
        {
            if (slot is not null)
            {
                _runs.Remove(slot.Id);
            }

            Exit();
        }
    }

    /// <summary>Stops the engine process.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_faulted is null)
            {
                _node.WriteLine(Protocol.Shutdown());
            }
        }
        catch (RehearsalException)
        {
            // Already gone.
        }

        _node.Dispose();
        PolicySimulator.Dispose();
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted is not null)
        {
            throw new RehearsalException($"The rehearsal engine is unusable after an earlier failure: {_faulted}");
        }

        Claim();
    }

    /// <summary>
    /// Marks the calling thread as the one talking to the engine. Threads take turns: another thread may take over only
    /// while the current one is inside a task handler (<see cref="Release"/>), never while it reads.
    /// </summary>
    private void Claim()
    {
        var thread = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (_ownerThreadId != 0 && _ownerThreadId != thread)
            {
                throw new InvalidOperationException(
                    $"RehearsalEngine.Run was called on thread {thread} while thread {_ownerThreadId} is reading from the engine. "
                    + "The engine serves one thread at a time (threads may take turns while a task handler runs); start one engine per thread.");
            }

            _ownerThreadId = thread;
            _depth++;
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            if (--_depth == 0)
            {
                _ownerThreadId = 0;
            }
        }
    }

    private void Exit() => Release();

    /// <summary>While a task handler runs, the engine is free for another thread (the handler may hand over its turn).</summary>
    private int Suspend()
    {
        lock (_gate)
        {
            var depth = _depth;
            _depth = 0;
            _ownerThreadId = 0;
            return depth;
        }
    }

    /// <summary>The handler returned: the calling thread talks to the engine again, at the depth it had.</summary>
    private void Resume(int depth)
    {
        var thread = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            if (_ownerThreadId != 0 && _ownerThreadId != thread)
            {
                throw Fault($"Thread {thread} resumed its run while thread {_ownerThreadId} was still reading from the engine.");
            }

            _ownerThreadId = thread;
            _depth = depth;
        }
    }

    private JsonObject NextMessage()
    {
        string? line;
        try
        {
            line = _node.ReadLine(_options.IdleTimeout);
        }
        catch (TimeoutException)
        {
            throw Fault(_node.Describe(
                $"The rehearsal engine sent nothing for {_options.IdleTimeout.TotalSeconds:0} s while executions {string.Join(", ", _runs.Keys)} were in flight"));
        }

        return line is null
            ? throw Fault(_node.Describe("The rehearsal engine exited during an execution"))
            : Protocol.Parse(line);
    }

    private void Dispatch(JsonObject message)
    {
        switch (Protocol.TypeOf(message))
        {
            case "task":
                Answer(Protocol.ParseTask(message));
                break;
            case "runResult":
                Complete(message);
                break;
            default:
                _options.Diagnostics?.Invoke($"rehearsal: ignored a message of type '{Protocol.TypeOf(message)}'");
                break;
        }
    }

    private void Answer(TaskCall call)
    {
        if (!_runs.TryGetValue(call.RunId, out var owner) || owner.HandlerFailure is not null)
        {
            return; // The run was aborted: the engine no longer waits for this task.
        }

        if (owner.ThreadId != Environment.CurrentManagedThreadId)
        {
            throw Fault($"A task of run {owner.Id} (started on thread {owner.ThreadId}) arrived on thread {Environment.CurrentManagedThreadId}: "
                + "threads must take turns only while their own runs wait in a task handler.");
        }

        TaskOutcome outcome;
        var depth = Suspend();
        try
        {
            outcome = owner.Handler.Handle(call)
                ?? throw new InvalidOperationException($"The task handler returned null for state '{call.StateName}'; return TaskOutcome.Success or TaskOutcome.Failure.");
        }
        catch (Exception e) when (_faulted is null)
        {
            Resume(depth);
            owner.HandlerFailure = ExceptionDispatchInfo.Capture(e);
            Send(Protocol.Abort(owner.Id));
            return;
        }

        Resume(depth);

        Send(outcome.Succeeded
            ? Protocol.TaskResult(call.TaskId, outcome.Output, owner.Now)
            : Protocol.TaskError(call.TaskId, outcome.Error!, outcome.Cause, owner.Now));
    }

    private void Complete(JsonObject message)
    {
        var id = (int)message["id"]!;
        if (!_runs.TryGetValue(id, out var slot))
        {
            _options.Diagnostics?.Invoke($"rehearsal: ignored the result of unknown run {id}");
            return;
        }

        slot.Completed = true;
        if (Protocol.StatusOf(message) != "ABORTED" || slot.HandlerFailure?.SourceException is ExecutionStoppedException)
        {
            slot.Result = Protocol.ParseRunResult(message);
        }
    }

    private void Send(byte[] message)
    {
        try
        {
            _node.WriteLine(message);
        }
        catch (RehearsalException e)
        {
            _faulted ??= e.Message;
            throw;
        }
    }

    private RehearsalException Fault(string message)
    {
        _faulted ??= message;
        return new RehearsalException(message);
    }
}
