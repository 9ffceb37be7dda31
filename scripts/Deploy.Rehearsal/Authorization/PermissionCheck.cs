namespace Deploy.Rehearsal.Authorization;

/// <summary>One permission a call needs, and why.</summary>
/// <param name="Request">The request IAM evaluates.</param>
/// <param name="Purpose">Why the call needs it.</param>
/// <param name="Subject">What a denial names when it is not the request's resource (the launch template's id for <see cref="PermissionPurpose.LaunchTemplateUse"/>).</param>
public sealed record PermissionCheck(AuthorizationRequest Request, PermissionPurpose Purpose, string? Subject = null);
