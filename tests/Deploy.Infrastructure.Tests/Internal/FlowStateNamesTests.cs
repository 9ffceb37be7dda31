using System.Reflection;
using System.Text.Json.Nodes;
using Deploy.Constructs;
using Deploy.Contracts.Flows;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

/// <summary>
/// The state names others depend on (<see cref="FlowStateNames"/>: the CLI, the rehearsal's invariants and report) exist
/// in the synthesized definitions, so a renamed state fails here rather than in an end-to-end run.
/// </summary>
public class FlowStateNamesTests
{
    private static readonly Lazy<TemplateJson> WithApproval = new(() =>
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new DeploymentConfiguration { ApprovalRequired = true });
        return TemplateJson.Of(stack);
    });

    /// <summary>Every state of a definition, those of Parallel branches and Map iterators included.</summary>
    private static HashSet<string> States(TemplateJson template, string machine)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                if (o["States"] is JsonObject states)
                {
                    names.UnionWith(states.Select(s => s.Key));
                }

                foreach (var child in o)
                {
                    Walk(child.Value);
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var item in a)
                {
                    Walk(item);
                }
            }
        }

        Walk(template.Definition(machine));
        return names;
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Deploy_EveryDeclaredName_IsAStateOfTheDeployDefinition()
    {
        var states = States(WithApproval.Value, "PipelineDeploy");

        var names = Constants(typeof(FlowStateNames.Deploy)).Concat(FlowStateNames.Deploy.FailureNotices).ToList();

        Assert.Equal(17, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name => Assert.Contains(name, states));
    }

    [Fact]
    public void DeployWithoutApproval_HasNoApprovalState_SoTheCliCanTellTheEnvironmentsApart()
    {
        Assert.DoesNotContain(FlowStateNames.Deploy.AwaitApproval, States(TestStacks.DefaultTemplate, "PipelineDeploy"));
    }

    [Theory]
    [InlineData("PipelineRollback", FlowStateNames.Rollback.RestoreTargetHealthy)]
    [InlineData("PipelineRollback", FlowStateNames.Rollback.RecordRestored)]
    [InlineData("PipelineRollback", FlowStateNames.Rollback.ForgetLiveColor)]
    [InlineData("PipelineRecovery", FlowStateNames.Recovery.NotifyDeploymentAborted)]
    [InlineData("PipelineRecovery", FlowStateNames.Recovery.RecordColors)]
    [InlineData("PipelineDeploy", FlowStateNames.Prefixes.ShiftTrafficTo)]
    [InlineData("PipelineDeploy", FlowStateNames.Prefixes.RestoreTrafficTo)]
    [InlineData("PipelineRollback", FlowStateNames.Prefixes.RestoreTrafficTo)]
    [InlineData("PipelineRecovery", FlowStateNames.Prefixes.RestoreTrafficTo)]
    [InlineData("PipelineDeploy", FlowStateNames.Prefixes.RepairSplitTo)]
    public void PerColorName_BeginsAStateForEachColor(string machine, string prefix)
    {
        var states = States(WithApproval.Value, machine);

        Assert.Contains(prefix + "Blue", states);
        Assert.Contains(prefix + "Green", states);
    }

    [Fact]
    public void Recovery_FailureNotice_IsAStateOfTheRecoveryDefinition()
    {
        Assert.Contains(FlowStateNames.Recovery.NotifyRecoveryFailed, States(WithApproval.Value, "PipelineRecovery"));
    }

    [Theory]
    [InlineData("PipelineDeploy")]
    [InlineData("PipelineRollback")]
    [InlineData("PipelineRecovery")]
    [InlineData("PipelineUnlock")]
    public void LockReleasingStates_EveryStateThatWritesTheLockFree_BeginsWithOneOfThem(string machine)
    {
        // The lock is released by an UpdateItem that removes lockedBy; the invariants know those states by these prefixes.
        var definition = WithApproval.Value.Definition(machine);
        var releasing = definition["States"]!.AsObject()
            .Where(s => s.Value!["Parameters"]?["UpdateExpression"]?.GetValue<string>() is { } update && update.Contains("REMOVE lockedBy", StringComparison.Ordinal))
            .Select(s => s.Key)
            .ToList();

        Assert.NotEmpty(releasing);
        Assert.All(releasing, state => Assert.Contains(FlowStateNames.LockReleasingStates, prefix => state.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
