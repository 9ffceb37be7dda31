using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.Conformance.Tests.Replay;

/// <summary>
/// One accepted difference between the world and moto (<c>AcceptedDifferences.json</c>), with the AWS documentation
/// that decides it. Any other difference fails the suite.
/// </summary>
public sealed record AcceptedDifference
{
    /// <summary>moto differs from the AWS documentation; the world follows it.</summary>
    public const string MotoDeviates = "moto-deviates";

    /// <summary>AWS returns the member and the world leaves it out; no flow or handler reads it (the suite checks).</summary>
    public const string UnreadOmission = "unread-omission";

    /// <summary>The replay cannot reproduce the value (moto does not run the child execution, has no ALB, …).</summary>
    public const string NotReplayable = "not-replayable";

    /// <summary>A short stable name (README rows use it).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The APIs it applies to (<see cref="Difference.Api"/>).</summary>
    [JsonPropertyName("apis")]
    public required IReadOnlyList<string> Apis { get; init; }

    /// <summary>The <see cref="Difference.Kind"/>.</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The <see cref="Difference.Path"/>s, where <c>*</c> matches any text.</summary>
    [JsonPropertyName("paths")]
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary><see cref="MotoDeviates"/>, <see cref="UnreadOmission"/> or <see cref="NotReplayable"/>.</summary>
    [JsonPropertyName("why")]
    public required string Why { get; init; }

    /// <summary>The difference in one sentence, and what the AWS documentation says.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    /// <summary>The AWS documentation page that decides it.</summary>
    [JsonPropertyName("decidedBy")]
    public required string DecidedBy { get; init; }

    /// <summary>
    /// The replayed cases (a table case's or a scenario's name) it is limited to, for a difference that holds only there
    /// (an outcome difference has no path to narrow it); every case when absent.
    /// </summary>
    [JsonPropertyName("cases")]
    public IReadOnlyList<string>? Cases { get; init; }

    /// <summary>Whether this entry accepts <paramref name="difference"/> (a <c>*</c> in a path matches any text).</summary>
    public bool Accepts(Difference difference) => Accepts(difference, Paths);

    /// <summary>Whether this entry, with only <paramref name="paths"/>, accepts <paramref name="difference"/>.</summary>
    public bool Accepts(Difference difference, IEnumerable<string> paths) =>
        Kind == difference.Kind && Apis.Contains(difference.Api) && paths.Any(p => Matches(p, difference.Path))
        && (Cases is null || Cases.Any(c => difference.Where.StartsWith(c + " #", StringComparison.Ordinal)));

    /// <summary>Whether <paramref name="path"/> matches <paramref name="pattern"/>, where <c>*</c> matches any text.</summary>
    public static bool Matches(string pattern, string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(path, "^" + string.Join(".*", pattern.Split('*').Select(System.Text.RegularExpressions.Regex.Escape)) + "$");

    /// <summary>The entries of <c>AcceptedDifferences.json</c> in the test project.</summary>
    public static IReadOnlyList<AcceptedDifference> Load(string file) =>
        JsonSerializer.Deserialize<List<AcceptedDifference>>(File.ReadAllText(file))
        ?? throw new InvalidDataException($"{file} holds no list of accepted differences.");
}
