using Amazon.CDK.AWS.StepFunctions;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using static Deploy.Constructs.Internal.DeployPhase;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The health gate before traffic: the grace period, then the new color probed every poll interval until it is
/// Healthy (then <c>next</c>), Unhealthy, or out of polls (both roll back). The counters start here.
/// </summary>
internal static class HealthGatePhase
{
    public static IChainable Build(DeployPhase phase, Func<IChainable> next)
    {
        var (scope, config) = (phase.Scope, phase.Config);
        var grace = new Wait(scope, FlowStateNames.Deploy.GracePeriod, new WaitProps
        {
            Comment = FlowPhases.Tag(FlowPhases.Grace, $"{Secs(config.GracePeriod)} s for the new instances to boot."),
            Time = WaitTime.Duration(config.GracePeriod),
        });
        var init = CounterUpdate.Pass(scope, FlowStateNames.Deploy.StartCounters, new CounterChanges
        {
            Clock = CounterChange.Set(Math.Round(config.GracePeriod.ToMilliseconds() / 1000.0)),
            SinceShift = CounterChange.Set(0),
            Polls = CounterChange.Set(config.MaxHealthPolls),
        }, FlowPhases.Tag(FlowPhases.Health, $"At most {config.MaxHealthPolls} polls, one every {Secs(config.HealthPollInterval)} s."));
        var probe = FlowSteps.Probe(scope, "ProbeBeforeTraffic", phase.Context, P(s => s.Colors.Idle), HealthProbeRequest.BeforeTraffic, P(s => s.Verdict));
        phase.CatchRollback(probe);
        var countPoll = CounterUpdate.Pass(scope, "CountHealthPoll", new CounterChanges
        {
            Clock = CounterChange.By(Secs(config.HealthPollInterval)),
            SinceShift = CounterChange.Set(0),
            Polls = CounterChange.By(-1),
        });
        var pollWait = new Wait(scope, FlowStateNames.Deploy.WaitForHealth, new WaitProps { Time = WaitTime.Duration(config.HealthPollInterval) });
        pollWait.Next(probe);
        var afterHealthy = next();

        countPoll.Next(new Choice(scope, "HealthPollsLeft")
            .When(Condition.NumberGreaterThan(P(s => s.Counters.Polls), 0), pollWait)
            .Otherwise(phase.Rollback));

        var status = P(s => s.Verdict.Status);
        return grace.Next(init).Next(probe).Next(new Choice(scope, "IdleColorHealthy")
            .When(Condition.StringEquals(status, nameof(HealthStatus.Healthy)), afterHealthy)
            .When(Condition.StringEquals(status, nameof(HealthStatus.Unhealthy)), phase.Rollback)
            .Otherwise(countPoll));
    }
}
