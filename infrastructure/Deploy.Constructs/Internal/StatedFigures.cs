using Amazon.CDK;
using Deploy.Contracts.Pipeline;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The figures the pipeline states about itself, computed once here and published as tags of the Deploy state machine
/// (<see cref="PublishedTags"/>): the CLI shows them and never computes them again.
/// </summary>
/// <param name="Config">The resolved configuration.</param>
/// <param name="AlarmWindow">The slowest rollback alarm's evaluation window (<see cref="RollbackAlarms.EvaluationWindow"/>).</param>
internal sealed record StatedFigures(ResolvedConfiguration Config, Duration AlarmWindow)
{
    /// <summary>Worst case for CloudWatch to publish the alarm state change after the window.</summary>
    public const int AlarmPublicationSeconds = 60;

    /// <summary>EventBridge delivery and the two states before the weights are restored.</summary>
    public const int DeliveryAndStatesSeconds = 10;

    /// <summary>Problem to restored weights on the alarm path: the slowest alarm's window, its publication, delivery and two states.</summary>
    public Duration WorstCaseTimeToRollback => Duration.Seconds(AlarmWindow.ToSeconds() + AlarmPublicationSeconds + DeliveryAndStatesSeconds);

    /// <summary>Problem to restored weights during a deployment's bake: one bake check interval, then two states.</summary>
    public Duration WorstCaseTimeToRollbackDuringBake => Duration.Seconds(BakeCheckSeconds + DeliveryAndStatesSeconds);

    private int BakeCheckSeconds => DeployFlow.BakeCheckSeconds(Config);

    /// <summary>
    /// The tags to publish. The configuration figures are left out when a duration they follow from is an unresolved
    /// token (its value is only known at deploy time, so no figure can be stated).
    /// </summary>
    public IReadOnlyDictionary<string, string> Tags()
    {
        static string Whole(double value) => ((long)Math.Round(value)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PublishedTags.WorstCaseRollbackSeconds] = Whole(WorstCaseTimeToRollback.ToSeconds()),
            [PublishedTags.ApprovalRequired] = Config.ApprovalRequired ? "true" : "false",
        };
        var durations = new[] { Config.GracePeriod, Config.DeploymentTimeout, Config.HealthPollInterval, Config.BakeTime };
        if (durations.All(d => !Token.IsUnresolved(d.ToMilliseconds())))
        {
            tags[PublishedTags.WorstCaseRollbackDuringBakeSeconds] = Whole(WorstCaseTimeToRollbackDuringBake.ToSeconds());
            tags[PublishedTags.GracePeriodSeconds] = Whole(Config.GracePeriod.ToSeconds());
            tags[PublishedTags.HealthPollIntervalSeconds] = Whole(Config.HealthPollInterval.ToSeconds());
            tags[PublishedTags.MaxHealthPolls] = Whole(Config.MaxHealthPolls);
            tags[PublishedTags.BakeCheckIntervalSeconds] = Whole(BakeCheckSeconds);
        }

        return tags;
    }
}
