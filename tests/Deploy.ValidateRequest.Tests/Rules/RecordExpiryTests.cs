using System.Text.Json;
using Deploy.Contracts;
using Deploy.Contracts.Flows;
using Deploy.Rules;
using static Deploy.ValidateRequest.Tests.TestJson;

namespace Deploy.ValidateRequest.Tests.Rules;

/// <summary>
/// The deployment record's expiry (<see cref="ValidateRequestOutput.RecordExpiresAt"/>): the execution's start plus the
/// retention, in Unix epoch seconds, as DynamoDB's Time to Live reads it; bad input is the flow's fault (MalformedInput).
/// </summary>
public class RecordExpiryTests
{
    private const string ValidRequest = "{'version':'1','imageId':'ami-0123abcd'}";

    [Theory]
    [InlineData("2026-01-01T10:00:00.000Z", 365, 1767261600L + (365L * 86_400))]
    [InlineData("2026-01-01T10:00:00Z", 1, 1767261600L + 86_400)]
    [InlineData("2026-01-01T12:00:00.5+02:00", 30, 1767261600L + (30L * 86_400))]
    public void Validate_StartAndRetention_ExpiresThatManyDaysAfterTheStartInEpochSeconds(string startedAt, int days, long expected)
    {
        var output = RequestValidator.Validate(Input(ValidRequest) with { StartedAt = startedAt, RecordRetentionDays = days });

        Assert.Null(output.Error);
        Assert.Equal(expected, output.RecordExpiresAt);
    }

    [Fact]
    public void Validate_NeitherStartNorRetention_HasNoExpiry()
    {
        var output = RequestValidator.Validate(Input(ValidRequest));

        Assert.Null(output.Error);
        Assert.Null(output.RecordExpiresAt);
    }

    [Theory]
    [InlineData("2026-01-01T10:00:00.000Z", 0, "recordRetentionDays: number 0 is invalid; use a whole number of days from 1 to 3650")]
    [InlineData("2026-01-01T10:00:00.000Z", 3651, "recordRetentionDays: number 3651 is invalid; use a whole number of days from 1 to 3650")]
    [InlineData("2026-01-01 10:00", 30, "startedAt: \"2026-01-01 10:00\" is invalid; " + ContextTime.Allowed)]
    [InlineData(null, 30, "startedAt: is required; " + ContextTime.Allowed)]
    [InlineData("2026-01-01T10:00:00.000Z", null, "recordRetentionDays: is required; use a whole number of days from 1 to 3650")]
    public void Validate_BadStartOrRetention_ReturnsMalformedInputNamingTheField(string? startedAt, int? days, string message)
    {
        var output = RequestValidator.Validate(Input(ValidRequest) with { StartedAt = startedAt, RecordRetentionDays = days });

        Assert.Equal(DeployErrors.MalformedInput, output.Error!.Name);
        Assert.Equal("The record retention given to ValidateRequest is invalid: " + message, output.Error.Cause);
        Assert.Null(output.Request);
        Assert.Null(output.RecordExpiresAt);
    }

    [Fact]
    public void Validate_InvalidRequest_HasNoExpiry()
    {
        var output = RequestValidator.Validate(Input("{'version':'1'}") with { StartedAt = "2026-01-01T10:00:00.000Z", RecordRetentionDays = 30 });

        Assert.Equal(DeployErrors.InvalidRequest, output.Error!.Name);
        Assert.Null(output.RecordExpiresAt);
    }

    [Fact]
    public void Handler_StartAndRetention_WritesTheExpiryAsAJsonNumber()
    {
        var output = Run(Quote("{'request':" + ValidRequest + ",'startedAt':'2026-01-01T10:00:00.000Z','recordRetentionDays':365}"));

        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("recordExpiresAt").ValueKind);
        Assert.Equal(1767261600L + (365L * 86_400), json.RootElement.GetProperty("recordExpiresAt").GetInt64());
    }
}
