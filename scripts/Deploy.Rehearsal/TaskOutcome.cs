using System.Text.Json.Nodes;

namespace Deploy.Rehearsal;

/// <summary>The answer to a <see cref="TaskCall"/>: the task's result or the named error it fails with.</summary>
public sealed class TaskOutcome
{
    private TaskOutcome(bool succeeded, JsonNode? output, string? error, string? cause)
    {
        Succeeded = succeeded;
        Output = output;
        Error = error;
        Cause = cause;
    }

    /// <summary>Whether the task succeeded.</summary>
    public bool Succeeded { get; }

    /// <summary>The task's result (before ResultSelector, ResultPath and OutputPath), when it succeeded.</summary>
    public JsonNode? Output { get; }

    /// <summary>The error name, when the task failed (matched against Retry and Catch <c>ErrorEquals</c>).</summary>
    public string? Error { get; }

    /// <summary>The error's cause, when the task failed.</summary>
    public string? Cause { get; }

    /// <summary>The task succeeded with <paramref name="output"/> as its result.</summary>
    /// <param name="output">The result; <see langword="null"/> stands for JSON null.</param>
    public static TaskOutcome Success(JsonNode? output) => new(true, output, null, null);

    /// <summary>
    /// The task failed with the error <paramref name="error"/>, as an AWS service or Lambda function
    /// error would (for example <c>DynamoDB.ConditionalCheckFailedException</c>). Two names behave
    /// as in AWS: <c>States.Timeout</c> is not matched by <c>States.TaskFailed</c>, and
    /// <c>States.Runtime</c> is neither retried nor caught.
    /// </summary>
    /// <param name="error">The error name.</param>
    /// <param name="cause">The cause (becomes <c>Cause</c> in a Catch's error output).</param>
    public static TaskOutcome Failure(string error, string cause)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        ArgumentNullException.ThrowIfNull(cause);
        return new TaskOutcome(false, null, error, cause);
    }
}
