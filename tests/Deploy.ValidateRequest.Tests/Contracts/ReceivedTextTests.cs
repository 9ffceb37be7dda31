using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.ValidateRequest.Tests.Contracts;

public class ReceivedTextTests
{
    [Theory]
    [InlineData("\"v 1\"", "\"v 1\"")]
    [InlineData("\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"")]
    [InlineData("\"tab\\there\"", "\"tab\\there\"")]
    [InlineData("5.50", "number 5.50")]
    [InlineData("true", "boolean true")]
    [InlineData("false", "boolean false")]
    [InlineData("null", "null")]
    [InlineData("{\"a\":1}", "an object")]
    [InlineData("[1]", "an array")]
    public void Describe_JsonValue_NamesTypeAndValue(string json, string expected)
    {
        // Arrange
        using var document = JsonDocument.Parse(json);

        // Act
        var text = ReceivedText.Describe(document.RootElement);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Quote_LongText_CutsAt64CharactersWithEllipsis()
    {
        // Act
        var text = ReceivedText.Quote(new string('z', 65));

        // Assert
        Assert.Equal($"\"{new string('z', 64)}…\"", text);
    }

    [Fact]
    public void Quote_SurrogatePairAtCut_KeepsThePairWhole()
    {
        // Arrange: 63 characters, then an emoji (two UTF-16 units) straddling the 64-character cut
        var text = new string('a', 63) + "😀" + "tail";

        // Act
        var quoted = ReceivedText.Quote(text);

        // Assert
        Assert.Equal($"\"{new string('a', 63)}…\"", quoted);
    }

    [Fact]
    public void ForFields_SeveralFields_JoinsMessagesIntoCause()
    {
        // Arrange
        FieldError[] fields = [FieldError.Required("a", "use x"), FieldError.Invalid("b", "number 1", "use y")];

        // Act
        var error = DeployError.ForFields(DeployErrors.MalformedInput, "Bad", fields);

        // Assert
        Assert.Equal("Bad: a: is required; use x; b: number 1 is invalid; use y", error.Cause);
        Assert.Equal(fields, error.Fields);
    }
}
