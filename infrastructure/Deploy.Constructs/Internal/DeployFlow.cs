using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using static Deploy.Constructs.Internal.DeployPhase;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The Deploy flow (a Standard state machine), a chain of phases: admission (validate, lock) → find the live color →
/// prepare the idle color → health gate (grace, polls) → approval (where required) → traffic shift → bake → finalize. Any
/// failure once the idle group was touched rolls back (<see cref="DeployRollback"/>: weights first); one before that
/// releases the lock and fails (<see cref="FailedPhase"/>). A second entry retires the previous color later
/// (<see cref="RetirePhase"/>).
/// </summary>
/// <remarks>
/// Time is counted, not read: the health deadline is a number of polls, the bake a number of checks, and
/// <c>$.counters.clock</c> adds up the waits passed (grace, polls, canary bake, linear intervals, bake checks; not the
/// approval's wait, which no count can know). The duration a success records and publishes (<c>DeploymentDuration</c>) is
/// measured instead: the last bake probe's <c>$.verdict.elapsedSeconds</c>, which the HealthCheck handler computes from this
/// execution's <c>$$.Execution.StartTime</c> (intrinsic functions have no date arithmetic).
/// </remarks>
internal static class DeployFlow
{
    /// <summary>Seconds between two bake checks (see <see cref="BakePhase.CheckSeconds"/>).</summary>
    public static int BakeCheckSeconds(ResolvedConfiguration config) => BakePhase.CheckSeconds(config);

    /// <summary>Number of bake checks (see <see cref="BakePhase.Checks"/>).</summary>
    public static int BakeChecks(ResolvedConfiguration config) => BakePhase.Checks(config);

    /// <summary>Seconds between two checks that the idle group is empty.</summary>
    public const int DrainCheckSeconds = DrainIdlePhase.CheckSeconds;

    /// <summary>Checks of the idle group while it scales in (see <see cref="DrainIdlePhase.Checks"/>).</summary>
    public static int DrainChecks(BlueGreenFleet fleet) => DrainIdlePhase.Checks(fleet);

    /// <remarks>
    /// Each phase builds the next one where it joins it (<c>next</c> is called there), so every transition is made in the
    /// order the definition has always listed its states.
    /// </remarks>
    public static IChainable Build(Construct scope, FlowContext context)
    {
        var phase = new DeployPhase(scope, context, DeployRollback.Build(scope, context), FailedPhase.Build(scope, context));
        var retire = RetirePhase.Build(phase);

        IChainable Admission() => AdmissionPhase.Build(phase, next: LiveColor);
        IChainable LiveColor() => LiveColorPhase.Build(phase, next: Prepare);
        IChainable Prepare() => PrepareIdlePhase.Build(phase, next: HealthGate);
        IChainable HealthGate() => HealthGatePhase.Build(phase, next: context.Config.ApprovalRequired ? Approval : TrafficShift);
        IChainable Approval() => ApprovalPhase.Build(phase, next: TrafficShift);
        IChainable TrafficShift() => TrafficShiftPhase.Build(phase, next: Bake);
        IChainable Bake() => BakePhase.Build(phase, next: Finalize);
        IChainable Finalize() => FinalizePhase.Build(phase);

        return new Choice(scope, "DeployOrRetire", new ChoiceProps { Comment = "A retire request (started by a successful deployment) or a deployment request." })
            .When(Condition.IsPresent(P(s => s.RetirePrevious)), retire)
            .Otherwise(Admission());
    }
}
