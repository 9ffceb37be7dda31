namespace Deploy.Rehearsal;

/// <summary>Creates <see cref="ITaskHandler"/> instances from delegates.</summary>
public static class TaskHandler
{
    /// <summary>A handler that answers every task with <paramref name="handle"/>.</summary>
    /// <param name="handle">The function that answers one task attempt.</param>
    public static ITaskHandler From(Func<TaskCall, TaskOutcome> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return new DelegateHandler(handle);
    }

    private sealed class DelegateHandler(Func<TaskCall, TaskOutcome> handle) : ITaskHandler
    {
        public TaskOutcome Handle(TaskCall call) => handle(call);
    }
}
