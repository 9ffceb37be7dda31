using System.Globalization;
using Deploy.Contracts.Pipeline;
using Deploy.StepFunctions;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// The figures the construct published about an environment as tags of its Deploy state machine (<see cref="PublishedTags"/>),
/// as read: the CLI shows them and computes none of them. Each is <see langword="null"/> when the stack does not publish it
/// (a stack deployed by an older version of the construct publishes none).
/// </summary>
public sealed record PublishedFacts
{
    /// <summary>What the CLI says where a stack published nothing.</summary>
    public const string NotPublished = "not published by this stack (deployed by an older version of the construct; redeploy it to see the figures)";

    /// <summary>Stated worst case from a problem to restored weights on the alarm path, seconds.</summary>
    public int? WorstCaseRollbackSeconds { get; init; }

    /// <summary>Stated worst case from a problem to restored weights during a bake, seconds.</summary>
    public int? WorstCaseRollbackDuringBakeSeconds { get; init; }

    /// <summary>Grace period, seconds.</summary>
    public int? GracePeriodSeconds { get; init; }

    /// <summary>Time between health polls, seconds.</summary>
    public int? HealthPollIntervalSeconds { get; init; }

    /// <summary>Health polls before the deployment times out.</summary>
    public int? MaxHealthPolls { get; init; }

    /// <summary>Time between bake checks, seconds.</summary>
    public int? BakeCheckIntervalSeconds { get; init; }

    /// <summary>Whether deployments wait for an approval.</summary>
    public bool? ApprovalRequired { get; init; }

    /// <summary>Whether the stack published the configuration figures (grace, polls, bake checks, approval).</summary>
    public bool HasConfiguration => GracePeriodSeconds is not null && HealthPollIntervalSeconds is not null && MaxHealthPolls is not null
        && BakeCheckIntervalSeconds is not null && ApprovalRequired is not null;

    /// <summary>The facts in a state machine's tags; a tag that is absent or not a whole number (or boolean) is left out.</summary>
    public static PublishedFacts From(IEnumerable<Tag> tags)
    {
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            byKey[tag.Key] = tag.Value;
        }

        int? Whole(string key) => byKey.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        bool? Flag(string key) => byKey.GetValueOrDefault(key) switch { "true" => true, "false" => false, _ => null };
        return new PublishedFacts
        {
            WorstCaseRollbackSeconds = Whole(PublishedTags.WorstCaseRollbackSeconds),
            WorstCaseRollbackDuringBakeSeconds = Whole(PublishedTags.WorstCaseRollbackDuringBakeSeconds),
            GracePeriodSeconds = Whole(PublishedTags.GracePeriodSeconds),
            HealthPollIntervalSeconds = Whole(PublishedTags.HealthPollIntervalSeconds),
            MaxHealthPolls = Whole(PublishedTags.MaxHealthPolls),
            BakeCheckIntervalSeconds = Whole(PublishedTags.BakeCheckIntervalSeconds),
            ApprovalRequired = Flag(PublishedTags.ApprovalRequired),
        };
    }

    /// <summary>The configuration line of <c>info</c>.</summary>
    public string ConfigurationLine() => HasConfiguration
        ? $"grace {GracePeriodSeconds}s, poll every {HealthPollIntervalSeconds}s (max {MaxHealthPolls} polls), bake checks every {BakeCheckIntervalSeconds}s, approval {(ApprovalRequired == true ? "required" : "not required")}"
        : $"configuration: {NotPublished}";

    /// <summary>The worst-case line of <c>info</c>.</summary>
    public string WorstCaseLine() => WorstCaseRollbackSeconds is { } alarmPath
        ? $"worst-case time to rollback: {alarmPath}s on the alarm path" + (WorstCaseRollbackDuringBakeSeconds is { } bake ? $"; {bake}s during a bake" : string.Empty) + " (stated by the stack)"
        : $"worst-case time to rollback: {NotPublished}";
}
