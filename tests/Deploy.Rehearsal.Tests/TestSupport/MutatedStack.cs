using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.TestSupport;

/// <summary>
/// A synthesized stack with its Deploy definition changed, for the tests that rehearse a flow the constructs do not
/// make: the whole stack (every state machine, the policies, the alarms, the status-change rules and the target groups'
/// health-check settings), with the change applied to a copy of the Deploy definition.
/// </summary>
internal static class MutatedStack
{
    /// <summary><paramref name="stack"/> with the <c>States</c> of its Deploy definition changed by <paramref name="mutate"/>.</summary>
    /// <param name="stack">A synthesized stack (left unchanged).</param>
    /// <param name="mutate">Changes the copy of the Deploy definition's <c>States</c> it is given.</param>
    /// <returns>The changed stack; the rehearsal refuses it (<see cref="RehearsalException"/>) as CreateStateMachine would refuse the definition.</returns>
    public static RehearsalStack WithDeployStates(RehearsalStack stack, Action<JsonObject> mutate)
    {
        var definition = (JsonObject)stack.Deploy.Definition.DeepClone();
        mutate(definition["States"]!.AsObject());
        // Every other machine, the alarms, the status-change rules and the target groups' timing stay as synthesized.
        return stack.WithMachine(stack.Deploy with { Definition = definition });
    }

    /// <summary><paramref name="stack"/> with the Deploy definition's state <paramref name="state"/> changed by <paramref name="mutate"/>.</summary>
    /// <param name="stack">A synthesized stack (left unchanged).</param>
    /// <param name="state">The name of a state of the Deploy definition.</param>
    /// <param name="mutate">Changes the copy of that state it is given.</param>
    /// <returns>The changed stack.</returns>
    public static RehearsalStack WithDeployState(RehearsalStack stack, string state, Action<JsonObject> mutate) =>
        WithDeployStates(stack, states => mutate(states[state]?.AsObject() ?? throw new ArgumentException($"The Deploy definition has no state {state}.", nameof(state))));
}
