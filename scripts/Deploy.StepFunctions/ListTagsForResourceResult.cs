namespace Deploy.StepFunctions;

/// <summary>
/// The response of <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListTagsForResource.html">ListTagsForResource</a>.
/// </summary>
public sealed record ListTagsForResourceResult
{
    /// <summary>The resource's tags.</summary>
    public IReadOnlyList<Tag> Tags { get; init; } = [];
}
