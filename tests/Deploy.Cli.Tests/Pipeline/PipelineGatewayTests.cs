using Deploy.Cli;
using Deploy.Cli.Pipeline;
using Xunit;

namespace Deploy.Cli.Tests.Pipeline;

public class PipelineGatewayTests
{
    [Fact]
    public void NamedMachinesOfExecution_ADeployExecution_NamesItsEnvironmentsMachinesInItsPartitionRegionAndAccount()
    {
        // Act
        var machines = PipelineGateway.NamedMachinesOfExecution("shop-web", "arn:aws-cn:states:cn-north-1:210987654321:execution:shop-web-prod-eu-deploy:v1-2-3-20261202T010000");

        // Assert
        Assert.Equal("prod-eu", machines.Environment);
        Assert.Equal("arn:aws-cn:states:cn-north-1:210987654321:stateMachine:shop-web-prod-eu-deploy", machines.Deploy);
        Assert.Equal("arn:aws-cn:states:cn-north-1:210987654321:stateMachine:shop-web-prod-eu-rollback", machines.Rollback);
        Assert.Equal("arn:aws-cn:states:cn-north-1:210987654321:stateMachine:shop-web-prod-eu-health-probe", machines.HealthProbe);
    }

    [Fact]
    public void NamedMachinesOfExecution_AnExecutionOfAnotherApplication_IsAUsageErrorNamingIt()
    {
        // Act
        var error = Assert.Throws<CliException>(() => PipelineGateway.NamedMachinesOfExecution("webapp", "arn:aws:states:us-east-1:123456789012:execution:shop-staging-deploy:x"));

        // Assert
        Assert.Equal(ExitCode.UsageError, error.Code);
        Assert.Contains("shop-staging-deploy does not belong to application \"webapp\"", error.Message, StringComparison.Ordinal);
    }
}
