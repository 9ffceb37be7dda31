using System.Text.Json;
using Deploy.StepFunctions.Internal;

namespace Deploy.StepFunctions.Tests.Internal;

public class EpochSecondsJsonConverterTests
{
    [Theory]
    [InlineData("""{"stopDate":1700000000}""", 1700000000000)]
    [InlineData("""{"stopDate":1700000000.123}""", 1700000000123)]
    [InlineData("""{"stopDate":1.7000000001235E9}""", 1700000000124)]
    [InlineData("""{"stopDate":0}""", 0)]
    [InlineData("""{"stopDate":"2023-11-14T22:13:20.123Z"}""", 1700000000123)]
    public void Read_Timestamp_ConvertsToUtcWithMillisecondPrecision(string json, long expectedMilliseconds)
    {
        var result = JsonSerializer.Deserialize(json, StepFunctionsJsonContext.Default.StopExecutionResult)!;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMilliseconds), result.StopDate);
        Assert.Equal(TimeSpan.Zero, result.StopDate.Offset);
    }

    [Theory]
    [InlineData("""{"stopDate":true}""")]
    [InlineData("""{"stopDate":"yesterday"}""")]
    [InlineData("""{"stopDate":1e300}""")]
    public void Read_NotATimestamp_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, StepFunctionsJsonContext.Default.StopExecutionResult));
    }

    [Fact]
    public void Write_Timestamp_WritesEpochSeconds()
    {
        var json = JsonSerializer.Serialize(
            new StopExecutionResult { StopDate = DateTimeOffset.FromUnixTimeMilliseconds(1700000000123) },
            StepFunctionsJsonContext.Default.StopExecutionResult);

        Assert.Equal("""{"stopDate":1700000000.123}""", json);
    }
}
