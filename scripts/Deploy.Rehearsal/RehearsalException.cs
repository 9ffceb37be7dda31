namespace Deploy.Rehearsal;

/// <summary>
/// The rehearsal engine could not do its work: Node.js or the engine scripts are missing, the
/// engine process exited or stopped answering, or a template's definitions could not be resolved.
/// Not raised for a failed execution (see <see cref="ExecutionResult.Status"/>).
/// </summary>
public sealed class RehearsalException : Exception
{
    /// <summary>Creates an exception with a message that says what failed.</summary>
    /// <param name="message">What failed, and what to do about it when known.</param>
    public RehearsalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying exception.</param>
    public RehearsalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
