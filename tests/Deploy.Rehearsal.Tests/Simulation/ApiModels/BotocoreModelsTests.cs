using Deploy.Rehearsal.Simulation.ApiModels;

namespace Deploy.Rehearsal.Tests.Simulation.ApiModels;

public class BotocoreModelsTests
{
    [Fact]
    public void FindDataDirectory_NotConfigured_BotocoreThatPython3Imports()
    {
        // Act
        var data = BotocoreModels.FindDataDirectory(null);

        // Assert
        Assert.True(Directory.Exists(Path.Combine(data, "elbv2")), $"botocore's data folder {data} has no elbv2 model");
    }

    [Fact]
    public void FindDataDirectory_ConfiguredFolderMissing_SaysBotocoreIsRequiredAndHowToGetIt()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "no-botocore-here");

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => BotocoreModels.FindDataDirectory(missing));

        // Assert
        Assert.Equal("botocore is required: the rehearsal checks every simulated AWS request and response against botocore's API models. "
            + $"Install it (python3 -m pip install botocore) or set BOTOCORE_DATA_DIR to its data folder. BOTOCORE_DATA_DIR is set to {missing}, which does not exist.",
            error.Message);
    }

    [Theory]
    [InlineData("elbv2", "2015-12-01", "query")]
    [InlineData("ec2", "2016-11-15", "ec2")]
    [InlineData("dynamodb", "2012-08-10", "json")]
    [InlineData("stepfunctions", "2016-11-23", "json")]
    public void Service_KnownService_NewestApiVersionLoadedOnce(string name, string version, string protocol)
    {
        // Act
        var model = BotocoreModels.Service(name);

        // Assert
        Assert.Equal((version, protocol), (model.ApiVersion, model.Protocol));
        Assert.Same(model, BotocoreModels.Service(name));
    }

    [Fact]
    public void Service_UnknownService_NamesWhatIsMissing()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => BotocoreModels.Service("nosuchservice"));

        // Assert
        Assert.Equal($"botocore at {BotocoreModels.DataDirectory} has no API model for the service 'nosuchservice' (no nosuchservice/<version>/service-2.json).", error.Message);
    }

    [Fact]
    public void Operation_ModeledErrors_ShapeAndWireCode()
    {
        // Act
        var operation = BotocoreModels.Service("cloudwatch").Operation("PutMetricData");

        // Assert
        Assert.Contains(("MissingRequiredParameterException", "MissingParameter"), operation.Errors);
        Assert.Equal(("PutMetricDataInput", null), (operation.Input, operation.Output));
    }

    [Fact]
    public void Operation_UnknownOperation_NamesTheApi()
    {
        // Act
        var error = Assert.Throws<KeyNotFoundException>(() => BotocoreModels.Service("elbv2").Operation("ModifyRules"));

        // Assert
        Assert.Equal("The elbv2 API (2015-12-01) has no operation ModifyRules.", error.Message);
    }
}
