using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>One <c>AWS::Events::Rule</c> of the template with an event pattern (on the default event bus), resolved.</summary>
public sealed record EventRuleDefinition
{
    /// <summary>The resource's logical id.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The rule's name (<c>Name</c>, or its Ref value).</summary>
    public required string Name { get; init; }

    /// <summary>The rule's ARN.</summary>
    public required string Arn { get; init; }

    /// <summary>Whether the rule is enabled (<c>State</c> ENABLED, the CloudFormation default).</summary>
    public required bool Enabled { get; init; }

    /// <summary>The event pattern.</summary>
    public required JsonObject EventPattern { get; init; }

    /// <summary>The targets.</summary>
    public required IReadOnlyList<EventRuleTarget> Targets { get; init; }

    /// <summary>Whether the pattern matches <paramref name="event"/> (<see cref="Alarms.EventPattern"/>).</summary>
    public bool Matches(JsonObject @event) => Alarms.EventPattern.Matches(EventPattern, @event);
}
