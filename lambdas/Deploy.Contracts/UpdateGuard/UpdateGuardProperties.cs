namespace Deploy.Contracts;

/// <summary>
/// The properties of a <c>Custom::UpdateGuard</c> resource, written by the constructs and read by the UpdateGuard handler.
/// The guard holds, by name, values that must never change once the stack is created (a group's launch template, the
/// weighted rule's logical id, …); resources that would act on such a change depend on it, so CloudFormation updates the
/// guard first, and the guard fails the stack update with the field's advice before anything else changes.
/// </summary>
public static class UpdateGuardProperties
{
    /// <summary>What the guard protects, named in every refusal (for example the fleet's construct path).</summary>
    public const string Subject = "Subject";

    /// <summary>An object: field name → the value fixed at creation.</summary>
    public const string Fields = "Fields";

    /// <summary>An object: field name → what to do instead of changing it (how to migrate).</summary>
    public const string Advice = "Advice";

    /// <summary>The resource type of the guard.</summary>
    public const string ResourceType = "Custom::UpdateGuard";
}
