using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using Deploy.Contracts.Flows;

namespace Deploy.Constructs.Internal;

/// <summary>
/// The one way the Deploy flow updates <c>$.counters</c> (a Pass rewrites the object whole, as intrinsic functions
/// cannot set one member): each counter is kept, set or incremented as <see cref="CounterChanges"/> says.
/// </summary>
internal static class CounterUpdate
{
    public static Pass Pass(Construct scope, string id, CounterChanges changes, string? comment = null)
    {
        var parameters = new Dictionary<string, object>();
        void Write(Expression<Func<Counters, object?>> counter, CounterChange? change)
        {
            var name = StatePath.Name(counter);
            var path = StatePath.Under(DeployState.Path(s => s.Counters), counter);
            switch (change)
            {
                case null:
                    break;
                case { Value: { } value }:
                    parameters[name] = value;
                    break;
                case { Delta: { } delta }:
                    parameters[$"{name}.$"] = $"States.MathAdd({path}, {delta})";
                    break;
                default:
                    parameters[$"{name}.$"] = path;
                    break;
            }
        }

        Write(c => c.Clock, changes.Clock);
        Write(c => c.SinceShift, changes.SinceShift);
        Write(c => c.Polls, changes.Polls);
        Write(c => c.BakeChecks, changes.BakeChecks);
        return new Pass(scope, id, new PassProps
        {
            Comment = comment,
            Parameters = parameters,
            ResultPath = DeployState.Path(s => s.Counters),
        });
    }
}
