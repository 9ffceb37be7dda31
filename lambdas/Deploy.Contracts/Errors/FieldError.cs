namespace Deploy.Contracts;

/// <summary>
/// One bad input field and what is wrong with it. Messages have one format,
/// <c>field: what was received; what is allowed</c>, built by the factory methods.
/// </summary>
public sealed record FieldError
{
    /// <summary>The field's path in the input, for example <c>version</c> or <c>thresholds.minHealthyPercentage</c>.</summary>
    public required string Field { get; init; }

    /// <summary>
    /// A message that names the field, the value received and what is allowed, for example
    /// <c>version: "v 1" is invalid; use 1-128 characters of A-Z a-z 0-9 . _ + -</c>.
    /// </summary>
    public required string Message { get; init; }

    /// <summary>A field with a value that is not allowed: <c>field: {received} is invalid; {allowed}</c>.</summary>
    /// <param name="field">The field's path.</param>
    /// <param name="received">The value received, described with <see cref="ReceivedText"/>.</param>
    /// <param name="allowed">What is allowed, starting with "use".</param>
    public static FieldError Invalid(string field, string received, string allowed) =>
        Create(field, $"{received} is invalid; {allowed}");

    /// <summary>A required field that is missing or null: <c>field: is required; {allowed}</c>.</summary>
    /// <param name="field">The field's path.</param>
    /// <param name="allowed">What is allowed, starting with "use".</param>
    public static FieldError Required(string field, string allowed) => Create(field, $"is required; {allowed}");

    /// <summary>Any other problem: <c>field: {problem}</c>.</summary>
    /// <param name="field">The field's path.</param>
    /// <param name="problem">What is wrong and what to do.</param>
    public static FieldError Create(string field, string problem) => new()
    {
        Field = field,
        Message = $"{field}: {problem}",
    };
}
