using Deploy.Rehearsal;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Conformance.Tests;

/// <summary>Answers a <see cref="TableCase"/> with the world's <see cref="SimulatedTable"/>, recorded as the world records calls.</summary>
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
            TaskOutcome outcome;
            try
            {
                outcome = simulated.Handle(action, (System.Text.Json.Nodes.JsonObject)input.DeepClone());
            }
            catch (Exception e) when (e is NotSupportedException or NullReferenceException or InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                // A world that cannot answer must show up as a difference, not abort the suite.
                outcome = TaskOutcome.Failure("(the world threw)", $"{e.GetType().Name}: {e.Message}");
            }

            calls.Add(new WorldCall(SimulatedWorld.Epoch, table.Name, $"call {i}", $"arn:aws:states:::dynamodb:{action}", $"dynamodb:{action}",
                input.DeepClone(), Injected: false, outcome.Succeeded ? outcome.Output?.DeepClone() : null, outcome.Error, outcome.Cause));
        }

        return calls;
    }
}
