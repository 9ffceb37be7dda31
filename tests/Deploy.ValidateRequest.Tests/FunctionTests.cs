using System.Text.Json;
using Deploy.Contracts;
using static Deploy.ValidateRequest.Tests.TestJson;

namespace Deploy.ValidateRequest.Tests;

public class FunctionTests
{
    [Fact]
    public void Handler_ValidRequest_WritesNormalizedRequestAndNullError()
    {
        // Arrange
        var payload = Quote("{'request':{'version':'1.2.3','imageId':'ami-0abcdef1234567890','strategy':'canary'},'defaults':{'canaryPercentage':15}}");

        // Act
        var output = Run(payload);

        // Assert
        Assert.Equal(
            Quote("{'request':{'version':'1.2.3','imageId':'ami-0abcdef1234567890','strategy':'Canary','canaryPercentage':15,"
                + "'linearStepPercentage':20,'trafficSteps':[15,100],"
                + "'trafficPlan':[{'newWeight':15,'oldWeight':85,'last':false},{'newWeight':100,'oldWeight':0,'last':true}],"
                + "'launchTemplateData':{'ImageId':'ami-0abcdef1234567890','TagSpecifications':[{'ResourceType':'instance','Tags':[{'Key':'deploy:version','Value':'1.2.3'}]}]}},'error':null,"
                + "'recordExpiresAt':null}"),
            output);
    }

    [Fact]
    public void Handler_InvalidRequest_WritesInvalidRequestErrorWithFields()
    {
        // Arrange
        var payload = Quote("{'request':{'version':'v 1','imageId':'ami-0123abcd'}}");

        // Act
        var output = Run(payload);

        // Assert
        var message = "version: \\\"v 1\\\" is invalid; use 1-128 characters of A-Z a-z 0-9 . _ + -";
        Assert.Equal(
            Quote($"{{'error':{{'name':'Deploy.InvalidRequest','cause':'The deployment request is invalid: {message}',"
                + $"'fields':[{{'field':'version','message':'{message}'}}]}},'recordExpiresAt':null}}"),
            output);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{\"request\":{},\"defaults\":{\"canaryPercentage\":\"ten\"}}")]
    public void Handler_MalformedPayload_WritesMalformedInput(string payload)
    {
        // Act
        using var output = JsonDocument.Parse(Run(payload));

        // Assert
        var error = output.RootElement.GetProperty("error");
        Assert.Equal(DeployErrors.MalformedInput, error.GetProperty("name").GetString());
        Assert.StartsWith("The ValidateRequest input is not valid JSON of the expected shape (", error.GetProperty("cause").GetString());
        Assert.False(output.RootElement.TryGetProperty("request", out _));
    }

    [Fact]
    public void Handler_NullLiteral_WritesMalformedInputSayingSo()
    {
        // Act
        using var output = JsonDocument.Parse(Run("null"));

        // Assert
        Assert.Equal(
            "The ValidateRequest input is the JSON literal null; a JSON object is required.",
            output.RootElement.GetProperty("error").GetProperty("cause").GetString());
    }
}
