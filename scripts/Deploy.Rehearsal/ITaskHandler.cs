namespace Deploy.Rehearsal;

/// <summary>
/// Answers the Task states of a rehearsal execution: the simulated AWS world (or a test double)
/// that stands in for every service integration, Lambda function and Wait state.
/// </summary>
public interface ITaskHandler
{
    /// <summary>
    /// Answers one task attempt. Called on the thread that called
    /// <see cref="RehearsalEngine.Run"/>; may itself call <see cref="RehearsalEngine.Run"/> for a
    /// nested execution (for example a <c>states:startExecution.sync</c> task).
    /// </summary>
    /// <param name="call">The state, its resource and its input (after InputPath and Parameters).</param>
    /// <returns>The task's result, or the named error the task fails with.</returns>
    /// <remarks>
    /// An exception thrown here aborts the execution and is rethrown by
    /// <see cref="RehearsalEngine.Run"/> (it is never turned into a state machine error), so a
    /// failed assertion inside a handler fails the test.
    /// </remarks>
    TaskOutcome Handle(TaskCall call);
}
