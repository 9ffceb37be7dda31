using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The HealthProbe flow (an Express state machine): one color's composite-alarm state and target health, and after the
/// traffic shift its 5XX count, p99 response time and request count, turned into a HealthCheck verdict.
/// </summary>
/// <remarks>
/// Input: a <see cref="HealthProbeRequest"/>; the execution's data: a <see cref="HealthProbeState"/>; output: a
/// <see cref="HealthProbeOutput"/> (the verdict, the rule weights and, when asked for, the state item).
/// </remarks>
internal static partial class HealthProbeFlow
{
    /// <summary>JSON null as a Parameters value (a path to a missing field would fail the state).</summary>
    private const string JsonNull = "States.StringToJson('null')";

    private static string P(Expression<Func<HealthProbeState, object?>> member) => HealthProbeState.Path(member);

    private static string Key<T>(Expression<Func<T, object?>> member) => StatePath.Name(member);

    private static string Out(Expression<Func<HealthProbeOutput, object?>> member) => HealthProbeOutput.Name(member);

    public static IChainable Build(Construct scope, FlowContext context)
    {
        var malformed = new Fail(scope, "MalformedProbeInput", new FailProps
        {
            Error = DeployErrors.MalformedInput,
            Cause = "HealthProbe input needs color blue or green, phase BeforeTraffic or AfterTraffic, and since (an ISO-8601 time) after traffic.",
        });

        // The verdict, plus the rule weights so operators (CLI health/info) see both from the Step Functions API alone.
        var weights = RuleWeights.Read(scope, "ReadRuleWeights", context.Fleet, P(s => s.Weights));
        weights.Next(ReadsByPhase(scope, context, malformed));
        var inputs = Inputs(scope, weights);

        return new Choice(scope, "SelectColor")
            .When(Condition.StringEquals(P(s => s.Color), FlowContext.Name(FleetColor.Blue)), Resources(scope, context, FleetColor.Blue).Next(inputs))
            .When(Condition.StringEquals(P(s => s.Color), FlowContext.Name(FleetColor.Green)), Resources(scope, context, FleetColor.Green).Next(inputs))
            .Otherwise(malformed);
    }

    /// <summary>The color's target group and composite alarm, and the configured thresholds.</summary>
    private static Pass Resources(Construct scope, FlowContext context, FleetColor color)
    {
        var config = context.Config;
        var defaults = new Dictionary<string, object>
        {
            [Key<HealthThresholds>(t => t.MinHealthyPercentage)] = config.MinHealthyPercentage,
            [Key<HealthThresholds>(t => t.MaxTarget5xxCount)] = config.MaxTarget5xxCount,
            [Key<HealthThresholds>(t => t.MaxP99ResponseTimeMs)] = config.MaxResponseTimeMs,
        };
        if (config.MaxTarget5xxPercent is { } maxPercent)
        {
            defaults[Key<HealthThresholds>(t => t.MaxTarget5xxPercent)] = maxPercent;
        }

        return new Pass(scope, $"{color}Resources", new PassProps
        {
            Comment = $"The {color.ToString().ToLowerInvariant()} fleet's target group and composite alarm.",
            Parameters = new Dictionary<string, object>
            {
                [Key<ProbeResources>(r => r.TargetGroupArn)] = context.Fleet.TargetGroup(color).TargetGroupArn,
                [Key<ProbeResources>(r => r.TargetGroupFullName)] = context.Fleet.TargetGroupFullName(color),
                [Key<ProbeResources>(r => r.CompositeAlarmName)] = context.CompositeName(color),
                [Key<ProbeResources>(r => r.DefaultThresholds)] = defaults,
            },
            ResultPath = P(s => s.Resources),
        });
    }

    /// <summary>
    /// The optional inputs made definite, then <paramref name="next"/>: the thresholds in force (the request's overrides merged
    /// over the configured ones), and the expected targets and the deployment start passed on, or JSON null, so the
    /// handler's input always names them.
    /// </summary>
    private static Choice Inputs(Construct scope, IChainable next)
    {
        var started = GivenOrNull(scope, "DeploymentStart", P(s => s.DeploymentStartedAt), Key<ProbeStart>(t => t.At), P(s => s.Started), next);
        var expected = GivenOrNull(scope, "ExpectedTargets", P(s => s.ExpectedTargets), Key<ProbeExpectedTargets>(e => e.Targets), P(s => s.Expected), started);
        var mergeThresholds = new Pass(scope, "MergeThresholds", new PassProps
        {
            Parameters = new Dictionary<string, object>
            {
                [Key<ProbeThresholds>(t => t.Thresholds) + ".$"] = $"States.JsonMerge({P(s => s.Resources.DefaultThresholds)}, {P(s => s.Thresholds)}, false)",
            },
            ResultPath = P(s => s.Effective),
        });
        var defaultThresholds = new Pass(scope, "DefaultThresholds", new PassProps
        {
            Parameters = new Dictionary<string, object> { [Key<ProbeThresholds>(t => t.Thresholds) + ".$"] = P(s => s.Resources.DefaultThresholds) },
            ResultPath = P(s => s.Effective),
        });
        mergeThresholds.Next(expected);
        defaultThresholds.Next(expected);
        return new Choice(scope, "HasThresholdOverrides")
            .When(Condition.IsPresent(P(s => s.Thresholds)), mergeThresholds)
            .Otherwise(defaultThresholds);
    }

    /// <summary>
    /// <c>Has&lt;name&gt;</c>: the optional input at <paramref name="inputPath"/> passed on as <paramref name="key"/> at
    /// <paramref name="resultPath"/> (<c>&lt;name&gt;Given</c>), or JSON null when the input has none (<c>&lt;name&gt;NotGiven</c>).
    /// </summary>
    private static Choice GivenOrNull(Construct scope, string name, string inputPath, string key, string resultPath, IChainable next)
    {
        var given = new Pass(scope, name + "Given", new PassProps
        {
            Parameters = new Dictionary<string, object> { [key + ".$"] = inputPath },
            ResultPath = resultPath,
        });
        var notGiven = new Pass(scope, name + "NotGiven", new PassProps
        {
            Parameters = new Dictionary<string, object> { [key + ".$"] = JsonNull },
            ResultPath = resultPath,
        });
        given.Next(next);
        notGiven.Next(next);
        return new Choice(scope, "Has" + name)
            .When(Condition.IsPresent(inputPath), given)
            .Otherwise(notGiven);
    }
}
