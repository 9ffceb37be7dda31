namespace Deploy.Contracts.Flows;

/// <summary>
/// The JSON body of every message the flows publish to the environment's topic (subscribers, the CLI and the rehearsal
/// read it): the event, where it happened, and either the event's details or, for the approval, what an operator needs
/// to answer it.
/// </summary>
/// <remarks>Declares the message's members, for <see cref="StatePath"/>; a member is non-null here so names read without
/// <c>!</c>, though each message carries only its own.</remarks>
public sealed record NotificationMessage
{
    /// <summary>What happened: <c>DeploymentSucceeded</c>, <c>AwaitingApproval</c>, <c>RolledBack</c>, ….</summary>
    public string Event { get; init; } = null!;

    /// <summary>The application's name.</summary>
    public string Application { get; init; } = null!;

    /// <summary>The environment's name.</summary>
    public string Environment { get; init; } = null!;

    /// <summary>The ARN of the execution that published it.</summary>
    public string Execution { get; init; } = null!;

    /// <summary>When the publishing state was entered (every message but the approval's).</summary>
    public string Time { get; init; } = null!;

    /// <summary>The event's details (a part of the execution's data), when it has any.</summary>
    public object Details { get; init; } = null!;

    /// <summary>The approval's task token: <c>approve</c> and <c>reject</c> answer it (the approval message only).</summary>
    public string TaskToken { get; init; } = null!;

    /// <summary>The version awaiting approval (the approval message only).</summary>
    public string Version { get; init; } = null!;

    /// <summary>The color it was deployed to (the approval message only).</summary>
    public string Color { get; init; } = null!;

    /// <summary>The health verdict that asked for the approval (the approval message only).</summary>
    public HealthVerdict Verdict { get; init; } = null!;
}
