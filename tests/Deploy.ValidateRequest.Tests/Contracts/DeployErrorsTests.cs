using System.Reflection;
using Deploy.Contracts;

namespace Deploy.ValidateRequest.Tests.Contracts;

public class DeployErrorsTests
{
    [Fact]
    public void All_ListsEveryConstantOnceInDeclarationOrder()
    {
        // Arrange
        var constants = typeof(DeployErrors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        // Act
        var all = DeployErrors.All;

        // Assert
        Assert.Equal(constants, all);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Theory]
    [InlineData(DeployErrors.InvalidRequest, "Deploy.InvalidRequest")]
    [InlineData(DeployErrors.MalformedInput, "Deploy.MalformedInput")]
    [InlineData(DeployErrors.RevertConflict, "Deploy.RevertConflict")]
    [InlineData(DeployErrors.DeploymentInProgress, "Deploy.DeploymentInProgress")]
    [InlineData(DeployErrors.HealthCheckFailed, "Deploy.HealthCheckFailed")]
    [InlineData(DeployErrors.DeploymentTimedOut, "Deploy.DeploymentTimedOut")]
    [InlineData(DeployErrors.ApprovalRejected, "Deploy.ApprovalRejected")]
    [InlineData(DeployErrors.RolledBack, "Deploy.RolledBack")]
    [InlineData(DeployErrors.RollbackFailed, "Deploy.RollbackFailed")]
    [InlineData(DeployErrors.WeightsNotApplied, "Deploy.WeightsNotApplied")]
    [InlineData(DeployErrors.SplitTraffic, "Deploy.SplitTraffic")]
    [InlineData(DeployErrors.RollbackRequested, "Deploy.RollbackRequested")]
    [InlineData(DeployErrors.IdleColorNotEmptied, "Deploy.IdleColorNotEmptied")]
    [InlineData(DeployErrors.RecoveryFailed, "Deploy.RecoveryFailed")]
    [InlineData(DeployErrors.Aborted, "Deploy.Aborted")]
    [InlineData(DeployErrors.LockHolderRunning, "Deploy.LockHolderRunning")]
    [InlineData(DeployErrors.LockHolderChanged, "Deploy.LockHolderChanged")]
    [InlineData(DeployErrors.TrafficOnUnverifiedColor, "Deploy.TrafficOnUnverifiedColor")]
    public void Constant_Value_IsTheContractName(string constant, string expected)
    {
        // Assert
        Assert.Equal(expected, constant);
        Assert.Contains(constant, DeployErrors.All);
    }
}
