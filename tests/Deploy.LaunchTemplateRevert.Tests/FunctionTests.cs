using System.Text;
using System.Text.Json;
using Deploy.Contracts;
using static Deploy.LaunchTemplateRevert.Tests.RevertInputs;

namespace Deploy.LaunchTemplateRevert.Tests;

public class FunctionTests
{
    [Fact]
    public void Handler_RevertNeeded_WritesUpdateAutoScalingGroupRequestInAwsCase()
    {
        // Arrange
        var payload = Payload(Group(Template("$Latest")), Record5);

        // Act
        var output = Run(payload);

        // Assert
        Assert.Equal(
            Quote("{'action':'Revert','reason':'Auto Scaling group \\'web-blue\\' uses launch template lt-0123 version $Latest with min 2, max 4, desired 2; "
                + "revert to version 5 with min 0, max 4, desired 0.','request':{'AutoScalingGroupName':'web-blue',"
                + "'LaunchTemplate':{'LaunchTemplateId':'lt-0123','Version':'5'},'MinSize':0,'MaxSize':4,'DesiredCapacity':0},'error':null}"),
            output);
    }

    [Fact]
    public void Handler_NothingToDo_WritesNullRequestAndNullError()
    {
        // Arrange
        var payload = Payload(Group(Template("5"), 0, 4, 0), Record5);

        // Act
        var output = Run(payload);

        // Assert
        Assert.Equal(
            Quote("{'action':'NothingToDo','reason':'Auto Scaling group \\'web-blue\\' already uses launch template lt-0123 version 5 "
                + "with min 0, max 4, desired 0.','request':null,'error':null}"),
            output);
    }

    [Fact]
    public void Handler_Conflict_WritesRevertConflict()
    {
        // Arrange
        var payload = Payload(Group("'LaunchConfigurationName':'web-lc'"), Record5);

        // Act
        using var output = JsonDocument.Parse(Run(payload));

        // Assert
        var error = output.RootElement.GetProperty("error");
        Assert.Equal(DeployErrors.RevertConflict, error.GetProperty("name").GetString());
        Assert.Equal(0, error.GetProperty("fields").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, output.RootElement.GetProperty("request").ValueKind);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("\"group\"")]
    [InlineData("{\"group\":{\"AutoScalingGroups\":[{\"MinSize\":\"2\"}]}}")]
    [InlineData("{\"record\":{\"previousCapacity\":[]}}")]
    public void Handler_MalformedPayload_WritesMalformedInput(string payload)
    {
        // Act
        using var output = JsonDocument.Parse(Run(payload));

        // Assert
        var root = output.RootElement;
        var error = root.GetProperty("error");
        Assert.Equal(DeployErrors.MalformedInput, error.GetProperty("name").GetString());
        Assert.StartsWith("The LaunchTemplateRevert input is not valid JSON of the expected shape (", error.GetProperty("cause").GetString());
        Assert.Equal("NothingToDo", root.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("request").ValueKind);
    }

    private static string Run(string payload)
    {
        using var output = new Function().Handler(new MemoryStream(Encoding.UTF8.GetBytes(payload)));
        using var reader = new StreamReader(output);
        return reader.ReadToEnd();
    }
}
