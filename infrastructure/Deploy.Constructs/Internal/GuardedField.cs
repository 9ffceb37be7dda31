namespace Deploy.Constructs.Internal;

/// <summary>
/// A value an <see cref="UpdateGuard"/> keeps fixed after creation: its name in refusals, the value (tokens allowed:
/// CloudFormation resolves them, so a replaced resource shows as a changed ARN), and what to do instead of changing it.
/// </summary>
internal sealed record GuardedField(string Name, object Value, string Advice);
