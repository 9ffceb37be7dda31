namespace Deploy.Contracts;

/// <summary>
/// The <c>error</c> object every handler output carries: <see langword="null"/> on success, set for
/// an expected failure. Handlers never throw for expected failures; the state machine tests
/// <c>$.error</c> and ends in a Fail state with <see cref="Name"/> and <see cref="Cause"/>.
/// </summary>
public sealed record DeployError
{
    /// <summary>One of the names in <see cref="DeployErrors"/>.</summary>
    public required string Name { get; init; }

    /// <summary>A one-paragraph, human-readable explanation, suitable as a Fail state's cause.</summary>
    public required string Cause { get; init; }

    /// <summary>The bad fields, when the error is about specific input fields. Default: empty.</summary>
    public IReadOnlyList<FieldError> Fields { get; init; } = [];

    /// <summary>
    /// Creates an error whose cause is <paramref name="summary"/> followed by every field message,
    /// for example <c>The deployment request is invalid: version: is required; ...</c>.
    /// </summary>
    /// <param name="name">One of the names in <see cref="DeployErrors"/>.</param>
    /// <param name="summary">The first part of the cause, without a trailing colon.</param>
    /// <param name="fields">The bad fields; at least one.</param>
    public static DeployError ForFields(string name, string summary, IReadOnlyList<FieldError> fields)
    {
        ArgumentOutOfRangeException.ThrowIfZero(fields.Count);
        var messages = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            messages[i] = fields[i].Message;
        }

        return new DeployError
        {
            Name = name,
            Cause = $"{summary}: {string.Join("; ", messages)}",
            Fields = fields,
        };
    }
}
