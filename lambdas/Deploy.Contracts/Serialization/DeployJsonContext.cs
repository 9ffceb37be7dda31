using System.Text.Json.Serialization;

namespace Deploy.Contracts;

/// <summary>
/// The System.Text.Json source-generated serializer context for every handler input and output.
/// Our own contracts use camelCase names; AWS shapes keep AWS's PascalCase through
/// <see cref="JsonPropertyNameAttribute"/>. Nulls are omitted, except the properties marked to be
/// always written (every <c>error</c>, and the fields the state machines read by path).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ValidateRequestInput))]
[JsonSerializable(typeof(ValidateRequestOutput))]
[JsonSerializable(typeof(HealthCheckInput))]
[JsonSerializable(typeof(HealthVerdict))]
[JsonSerializable(typeof(LaunchTemplateRevertInput))]
[JsonSerializable(typeof(LaunchTemplateRevertDecision))]
[JsonSerializable(typeof(DeployError))]
public sealed partial class DeployJsonContext : JsonSerializerContext;
