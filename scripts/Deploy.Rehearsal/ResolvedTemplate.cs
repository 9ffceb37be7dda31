using Deploy.Rehearsal.Authorization;
using Deploy.Rehearsal.Simulation.Alarms;

namespace Deploy.Rehearsal;

/// <summary>The state machines of a synthesized template and its IAM side, resolved with the same fake values.</summary>
public sealed record ResolvedTemplate
{
    /// <summary>The state machines by logical id, in template order.</summary>
    public required IReadOnlyDictionary<string, ResolvedStateMachine> Machines { get; init; }

    /// <summary>The roles and their policies.</summary>
    public required StackPolicies Policies { get; init; }

    /// <summary>The alarms and events rules (what the simulated CloudWatch evaluates and EventBridge delivers to).</summary>
    public AlarmDefinitions Alarms { get; init; } = AlarmDefinitions.None;
}
