using System.Linq.Expressions;
using Amazon.CDK;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>
/// What every phase of the Deploy flow is built with: the scope and context, and the two ways out a phase's failures
/// take — <see cref="Rollback"/> once the idle group was touched, <see cref="FailedBeforeChanges"/> before.
/// </summary>
internal sealed class DeployPhase
{
    public DeployPhase(Construct scope, FlowContext context, IChainable rollback, IChainable failedBeforeChanges)
    {
        Scope = scope;
        Context = context;
        Rollback = rollback;
        FailedBeforeChanges = failedBeforeChanges;
    }

    public Construct Scope { get; }

    public FlowContext Context { get; }

    public BlueGreenFleet Fleet => Context.Fleet;

    public ResolvedConfiguration Config => Context.Config;

    /// <summary>The rollback path (see <see cref="DeployRollback"/>).</summary>
    public IChainable Rollback { get; }

    /// <summary>The failure path before the idle group is touched (see <see cref="FailedPhase"/>).</summary>
    public IChainable FailedBeforeChanges { get; }

    /// <summary>The path of a field of the Deploy execution's data.</summary>
    public static string P(Expression<Func<DeployState, object?>> member) => DeployState.Path(member);

    /// <summary>Whole seconds of <paramref name="d"/>, as a definition writes them.</summary>
    public static string Secs(Duration d) => PropsValidation.Format(Math.Round(d.ToMilliseconds() / 1000.0));

    /// <summary>True when the color at <paramref name="path"/> is <paramref name="color"/>.</summary>
    public static Condition Is(string path, FleetColor color) => Condition.StringEquals(path, FlowContext.Name(color));

    /// <summary>Every error of <paramref name="task"/> rolls back, with the error at <c>$.failure</c>.</summary>
    public void CatchRollback(State task) => FlowTasks.CatchAll(task, Rollback, P(s => s.Failure));

    /// <summary>Every error of <paramref name="task"/> fails the deployment before changes, with the error at <c>$.failure</c>.</summary>
    public void CatchBefore(State task) => FlowTasks.CatchAll(task, FailedBeforeChanges, P(s => s.Failure));

    /// <summary>A detected failure without an AWS error: records why in <c>$.failure</c> and goes on to <paramref name="next"/> (the rollback by default).</summary>
    public Pass Marker(string id, string error, string cause, IChainable? next = null)
    {
        var pass = new Pass(Scope, id, new PassProps
        {
            Parameters = new Dictionary<string, object> { ["Error"] = error, ["Cause"] = cause },
            ResultPath = P(s => s.Failure),
        });
        pass.Next(next ?? Rollback);
        return pass;
    }

    /// <summary>
    /// A Choice that goes to <paramref name="then"/> when the rule read at <paramref name="weights"/> gives the color at
    /// <paramref name="colorPath"/> exactly <paramref name="weight"/>, otherwise to <paramref name="otherwise"/>.
    /// </summary>
    public Choice ColorHasWeight(string id, string colorPath, string weights, int weight, IChainable then, IChainable otherwise) =>
        new Choice(Scope, id)
            .When(Condition.And(Is(colorPath, FleetColor.Blue), RuleWeights.HasWeight(weights, Fleet, FleetColor.Blue, weight)), then)
            .When(Condition.And(Is(colorPath, FleetColor.Green), RuleWeights.HasWeight(weights, Fleet, FleetColor.Green, weight)), then)
            .Otherwise(otherwise);
}
