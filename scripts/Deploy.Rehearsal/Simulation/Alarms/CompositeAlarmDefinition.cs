namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>One <c>AWS::CloudWatch::CompositeAlarm</c> of the template, resolved.</summary>
public sealed record CompositeAlarmDefinition
{
    /// <summary>The resource's logical id.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The alarm's name (<c>AlarmName</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The alarm's ARN (its resolved <c>Fn::GetAtt Arn</c>).</summary>
    public required string Arn { get; init; }

    /// <summary><c>AlarmDescription</c>.</summary>
    public string? Description { get; init; }

    /// <summary>The rule as written in the template (resolved).</summary>
    public required string AlarmRuleText { get; init; }

    /// <summary>The parsed rule.</summary>
    public required AlarmRuleExpression AlarmRule { get; init; }

    /// <summary>Whether actions run on state changes (<c>ActionsEnabled</c>, default true).</summary>
    public bool ActionsEnabled { get; init; } = true;

    /// <summary>Actions on entering ALARM.</summary>
    public IReadOnlyList<string> AlarmActions { get; init; } = [];

    /// <summary>Actions on entering OK.</summary>
    public IReadOnlyList<string> OkActions { get; init; } = [];

    /// <summary>Actions on entering INSUFFICIENT_DATA.</summary>
    public IReadOnlyList<string> InsufficientDataActions { get; init; } = [];
}
