namespace Deploy.StepFunctions;

/// <summary>The <c>taskScheduledEventDetails</c> of a <c>TaskScheduled</c> event (an AWS service integration).</summary>
public sealed record TaskScheduledEventDetails
{
    /// <summary>The service, e.g. <c>lambda</c> or <c>autoscaling</c>.</summary>
    public string? ResourceType { get; init; }

    /// <summary>The action, e.g. <c>invoke</c> or <c>describeAutoScalingGroups</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>The Region the call goes to.</summary>
    public string? Region { get; init; }

    /// <summary>The call's parameters, as a JSON string.</summary>
    public string? Parameters { get; init; }

    /// <summary>The task timeout, if set.</summary>
    public long? TimeoutInSeconds { get; init; }

    /// <summary>The heartbeat timeout, if set.</summary>
    public long? HeartbeatInSeconds { get; init; }
}
