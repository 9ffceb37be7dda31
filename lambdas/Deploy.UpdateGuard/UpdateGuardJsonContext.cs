using System.Text.Json.Serialization;

namespace Deploy.UpdateGuard;

/// <summary>The source-generated serializer context of the handler's input and output (CloudFormation's own member names).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CustomResourceRequest))]
[JsonSerializable(typeof(CustomResourceResponse))]
public sealed partial class UpdateGuardJsonContext : JsonSerializerContext;
