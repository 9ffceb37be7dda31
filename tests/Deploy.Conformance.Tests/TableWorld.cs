using Deploy.Rehearsal;
using Deploy.Rehearsal.Simulation;
using Deploy.Rehearsal.Simulation.ApiModels;

namespace Deploy.Conformance.Tests;

/// <summary>
/// Answers a <see cref="TableCase"/> as the world answers a DynamoDB task (<see cref="ApiModelCheck"/>, then its
/// <see cref="SimulatedTable"/>), recorded as the world records calls.
/// </summary>
public static class TableWorld
{
    /// <summary>The world's answers to the case's calls, in order.</summary>
    public static List<WorldCall> Answer(TableCase table)
    {
        var simulated = new SimulatedTable();
        foreach (var item in table.Items)
        {
            simulated.Put(item);
        }

        var calls = new List<WorldCall>();
        for (var i = 0; i < table.Calls.Count; i++)
        {
            var (action, input) = table.Calls[i];
            var resource = $"arn:aws:states:::dynamodb:{action}";
            TaskOutcome outcome;
            try
            {
                // As the world answers a task: the API model's refusal first, then the table.
                var call = new TaskCall { RunId = 1, TaskId = i + 1, StateName = $"call {i}", Resource = resource, Input = input.DeepClone() };
                outcome = ApiModelCheck.Refusal(call) ?? simulated.Handle(action, (System.Text.Json.Nodes.JsonObject)input.DeepClone());
            }
            catch (Exception e) when (e is NotSupportedException or NullReferenceException or InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                // A world that cannot answer must show up as a difference, not abort the suite.
                outcome = TaskOutcome.Failure("(the world threw)", $"{e.GetType().Name}: {e.Message}");
            }

            calls.Add(new WorldCall(SimulatedWorld.Epoch, table.Name, $"call {i}", resource, $"dynamodb:{action}",
                input.DeepClone(), Injected: false, outcome.Succeeded ? outcome.Output?.DeepClone() : null, outcome.Error, outcome.Cause));
        }

        return calls;
    }
}
