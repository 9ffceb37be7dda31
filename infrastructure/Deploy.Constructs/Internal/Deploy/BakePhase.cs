using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The bake: all traffic on the new color, probed every <see cref="CheckSeconds"/> for <see cref="Checks"/> checks (an
/// Unhealthy verdict rolls back); then <c>next</c>.
/// </summary>
internal static class BakePhase
{
    /// <summary>Number of bake checks (at least one, so the new color is probed after 100 % even without a bake).</summary>
    public static int Checks(ResolvedConfiguration config)
    {
        var bake = config.BakeTime.ToMilliseconds() / 1000.0;
        var interval = Math.Max(60, config.HealthPollInterval.ToMilliseconds() / 1000.0);
        return Math.Max(1, (int)Math.Ceiling(bake / interval));
    }

    /// <summary>Seconds between two bake checks: at least a minute, so a 60-minute bake stays far below the history limit.</summary>
    public static int CheckSeconds(ResolvedConfiguration config) =>
        Checks(config) == 0 ? 0 : (int)Math.Ceiling(config.BakeTime.ToMilliseconds() / 1000.0 / Checks(config));

    public static IChainable Build(DeployPhase phase, Func<IChainable> next)
    {
        var scope = phase.Scope;
        var checks = Checks(phase.Config);
        var interval = CheckSeconds(phase.Config);
        var init = CounterUpdate.Pass(scope, "StartBake", new CounterChanges
        {
            Clock = CounterChange.Keep,
            SinceShift = CounterChange.Keep,
            Polls = CounterChange.Keep,
            BakeChecks = CounterChange.Set(checks),
        }, FlowPhases.Tag(FlowPhases.Bake, $"{checks} checks, one every {interval} s."));
        var wait = new Wait(scope, FlowStateNames.Deploy.Bake, new WaitProps { Time = WaitTime.Duration(Duration.Seconds(interval)) });
        var probe = FlowSteps.Probe(scope, "ProbeDuringBake", phase.Context, P(s => s.Colors.Idle), HealthProbeRequest.AfterTraffic, P(s => s.Verdict));
        phase.CatchRollback(probe);
        var count = CounterUpdate.Pass(scope, "CountBakeCheck", new CounterChanges
        {
            Clock = CounterChange.By(interval),
            SinceShift = CounterChange.By(interval),
            Polls = CounterChange.Keep,
            BakeChecks = CounterChange.By(-1),
        });
        count.Next(new Choice(scope, "BakeChecksLeft")
            .When(Condition.NumberGreaterThan(P(s => s.Counters.BakeChecks), 0), wait)
            .Otherwise(next()));
        return init.Next(wait).Next(probe).Next(new Choice(scope, "HealthyDuringBake")
            .When(Condition.StringEquals(P(s => s.Verdict.Status), nameof(HealthStatus.Unhealthy)), phase.Rollback)
            .Otherwise(count));
    }
}
