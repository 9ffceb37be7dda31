using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>The simulated table refuses what DynamoDB refuses: a Number attribute value that holds no number.</summary>
public class SimulatedTableTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("NaN")]
    public void PutItem_NumberThatIsNotANumber_IsRefusedAndNothingIsWritten(string number)
    {
        var table = new SimulatedTable();

        var outcome = table.Handle("putItem", Json($$"""{ "Item": { "pk": { "S": "a" }, "sk": { "S": "DEPLOYMENT#1" }, "expiresAt": { "N": "{{number}}" } } }"""));

        Assert.False(outcome.Succeeded);
        Assert.Equal(ServiceErrors.Generic("dynamodb"), outcome.Error);
        Assert.Contains("cannot be converted to a numeric value", outcome.Cause, StringComparison.Ordinal);
        Assert.Empty(table.Items);
    }

    [Fact]
    public void UpdateItem_NumberValueThatIsNotANumber_IsRefusedAndTheItemIsUnchanged()
    {
        var table = new SimulatedTable();
        table.Put(Json("""{ "pk": { "S": "a" }, "sk": { "S": "STATE" }, "shiftIndex": { "N": "1" } }"""));

        var outcome = table.Handle("updateItem", Json("""
            { "Key": { "pk": { "S": "a" }, "sk": { "S": "STATE" } }, "UpdateExpression": "SET shiftIndex = :i",
              "ExpressionAttributeValues": { ":i": { "N": "one" } } }
            """));

        Assert.False(outcome.Succeeded);
        Assert.Equal("1", table.Get("a", "STATE")!["shiftIndex"]!["N"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1798797600")]
    [InlineData("-2.5")]
    [InlineData("1E+10")]
    public void PutItem_Number_IsWritten(string number)
    {
        var table = new SimulatedTable();

        var outcome = table.Handle("putItem", Json($$"""{ "Item": { "pk": { "S": "a" }, "sk": { "S": "DEPLOYMENT#1" }, "expiresAt": { "N": "{{number}}" } } }"""));

        Assert.True(outcome.Succeeded, outcome.Cause);
        Assert.Equal(number, table.Get("a", "DEPLOYMENT#1")!["expiresAt"]!["N"]!.GetValue<string>());
    }

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
