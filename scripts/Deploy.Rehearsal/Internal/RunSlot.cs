using System.Runtime.ExceptionServices;

namespace Deploy.Rehearsal.Internal;

/// <summary>An execution in flight: who answers its tasks and how it ended.</summary>
internal sealed class RunSlot(int id, ITaskHandler handler, TimeProvider? clock, int threadId)
{
    /// <summary>The thread that started the run: its tasks are answered there.</summary>
    public int ThreadId { get; } = threadId;

    public int Id { get; } = id;

    public ITaskHandler Handler { get; } = handler;

    public TimeProvider? Clock { get; } = clock;

    /// <summary>Set when the handler threw: the run was aborted and this is rethrown by Run.</summary>
    public ExceptionDispatchInfo? HandlerFailure { get; set; }

    public bool Completed { get; set; }

    public ExecutionResult? Result { get; set; }

    public DateTimeOffset? Now => Clock?.GetUtcNow();
}
