using System.Text.Json.Serialization;

namespace Deploy.StepFunctions.Internal;

/// <summary>Source-generated serialization of every request and response body (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(StartExecutionRequest))]
[JsonSerializable(typeof(DescribeExecutionRequest))]
[JsonSerializable(typeof(ListExecutionsRequest))]
[JsonSerializable(typeof(GetExecutionHistoryRequest))]
[JsonSerializable(typeof(SendTaskSuccessRequest))]
[JsonSerializable(typeof(SendTaskFailureRequest))]
[JsonSerializable(typeof(StopExecutionRequest))]
[JsonSerializable(typeof(ListStateMachinesRequest))]
[JsonSerializable(typeof(DescribeStateMachineRequest))]
[JsonSerializable(typeof(ListTagsForResourceRequest))]
[JsonSerializable(typeof(StartExecutionResult))]
[JsonSerializable(typeof(StartSyncExecutionResult))]
[JsonSerializable(typeof(DescribeExecutionResult))]
[JsonSerializable(typeof(ListExecutionsResult))]
[JsonSerializable(typeof(GetExecutionHistoryWireResponse))]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(StopExecutionResult))]
[JsonSerializable(typeof(ListStateMachinesResult))]
[JsonSerializable(typeof(DescribeStateMachineResult))]
[JsonSerializable(typeof(ListTagsForResourceResult))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class StepFunctionsJsonContext : JsonSerializerContext;
