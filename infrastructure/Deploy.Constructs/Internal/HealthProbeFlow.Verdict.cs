using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>The HealthProbe's verdict: the HealthCheck handler's evaluation, then the output.</summary>
internal static partial class HealthProbeFlow
{
    /// <summary>
    /// The evaluations before and after traffic, each followed by the verdict's check: an error fails the execution with
    /// the handler's error; a verdict is the output, with the state item when the request asked for it.
    /// </summary>
    private static (LambdaInvoke Before, LambdaInvoke After) Verdicts(Construct scope, FlowContext context)
    {
        var fleet = context.Fleet;
        static Dictionary<string, object> Payload(bool afterTraffic)
        {
            var payload = new Dictionary<string, object>
            {
                [Key<HealthCheckInput>(i => i.Phase) + ".$"] = P(s => s.Phase),
                [Key<HealthCheckInput>(i => i.Color) + ".$"] = P(s => s.Color),
                [Key<HealthCheckInput>(i => i.Thresholds) + ".$"] = P(s => s.Effective.Thresholds),
                [Key<HealthCheckInput>(i => i.ExpectedTargets) + ".$"] = P(s => s.Expected.Targets),
                [Key<HealthCheckInput>(i => i.TargetHealth) + ".$"] = P(s => s.TargetHealth),
                // The handler measures the time since the deployment started from these two (it reads no clock).
                [Key<HealthCheckInput>(i => i.DeploymentStartedAt) + ".$"] = P(s => s.Started.At),
                [Key<HealthCheckInput>(i => i.EvaluatedAt) + ".$"] = StatePath.Context(c => c.State.EnteredTime),
            };
            // The composite alarm in both phases: before traffic, ALARM makes the verdict Pending (traffic waits for OK).
            payload[Key<HealthCheckInput>(i => i.AlarmState) + ".$"] = P(s => s.Alarm.State);
            if (afterTraffic)
            {
                payload[Key<HealthCheckInput>(i => i.MetricData) + ".$"] = P(s => s.MetricData);
            }

            return payload;
        }

        var evaluateBefore = FlowTasks.Decide(scope, "EvaluateBeforeTraffic", context.HealthCheck, Payload(false), P(s => s.Verdict));
        var evaluateAfter = FlowTasks.Decide(scope, "EvaluateAfterTraffic", context.HealthCheck, Payload(true), P(s => s.Verdict));

        var verdictError = new Fail(scope, "VerdictError", new FailProps { ErrorPath = P(s => s.Verdict.Error!.Name), CausePath = P(s => s.Verdict.Error!.Cause) });
        Pass Output(string id, bool withRecord)
        {
            var parameters = new Dictionary<string, object>
            {
                [Out(o => o.Color) + ".$"] = P(s => s.Color),
                [Out(o => o.Phase) + ".$"] = P(s => s.Phase),
                [Out(o => o.Status) + ".$"] = P(s => s.Verdict.Status),
                [Out(o => o.Reasons) + ".$"] = P(s => s.Verdict.Reasons),
                [Out(o => o.Evidence) + ".$"] = P(s => s.Verdict.Evidence),
                [Out(o => o.ElapsedSeconds) + ".$"] = P(s => s.Verdict.ElapsedSeconds),
                // The service's own clock at the verdict: a caller's next metric window ends here, whatever its clock says.
                [Out(o => o.EvaluatedAt) + ".$"] = StatePath.Context(c => c.State.EnteredTime),
                [Out(o => o.Weights) + ".$"] = P(s => s.Weights.TargetGroups),
                [Out(o => o.TargetGroups)] = new Dictionary<string, object>
                {
                    [Key<ColorTargetGroups>(g => g.Blue)] = fleet.TargetGroup(FleetColor.Blue).TargetGroupArn,
                    [Key<ColorTargetGroups>(g => g.Green)] = fleet.TargetGroup(FleetColor.Green).TargetGroupArn,
                },
            };
            if (withRecord)
            {
                parameters[Out(o => o.Record) + ".$"] = P(s => s.Record);
            }

            return new Pass(scope, id, new PassProps { Parameters = parameters });
        }

        var ready = new Succeed(scope, "VerdictReady");
        var done = Output("VerdictWithWeights", withRecord: false).Next(ready);
        // Asked for by the CLI (info, status): the state item as well — the lock holder, the live, previous and deploying
        // colors and whether the previous color is warm — so operators see it with Step Functions permissions alone. A
        // refused read still answers with the verdict and the weights (no record).
        var readRecord = StateTable.ReadState(scope, "ReadStateRecord", context, P(s => s.Record));
        readRecord.AddCatch(done, new CatchProps { Errors = new[] { Errors.ALL }, ResultPath = P(s => s.RecordFailure) });
        readRecord.Next(Output("VerdictWithRecord", withRecord: true)).Next(ready);
        var checkVerdict = new Choice(scope, "VerdictOk")
            .When(Condition.And(Condition.IsNull(P(s => s.Verdict.Error)), Condition.IsPresent(P(s => s.ReadRecord)), Condition.BooleanEquals(P(s => s.ReadRecord), true)), readRecord)
            .When(Condition.IsNull(P(s => s.Verdict.Error)), done)
            .Otherwise(verdictError);
        evaluateBefore.Next(checkVerdict);
        evaluateAfter.Next(checkVerdict);

        return (evaluateBefore, evaluateAfter);
    }
}
