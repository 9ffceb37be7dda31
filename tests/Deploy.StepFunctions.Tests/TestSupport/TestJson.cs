using System.Text.Json.Serialization;

namespace Deploy.StepFunctions.Tests.TestSupport;

/// <summary>The tests' own serialization (reflection-based JSON is off in this project).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestJson : JsonSerializerContext;
