using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deploy.Constructs;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

/// <summary>The phases the Deploy definition declares for its readers (the CLI's timeline) with <c>[phase:NAME]</c> comments.</summary>
public partial class FlowPhasesTests
{
    [GeneratedRegex(@"^\[phase:([a-z]+)\]")]
    private static partial Regex PhaseTag();

    private static Dictionary<string, string> PhaseEntries(TemplateJson template) =>
        template.Definition("PipelineDeploy")["States"]!.AsObject()
            .Select(s => (State: s.Key, Match: PhaseTag().Match(s.Value!["Comment"]?.GetValue<string>() ?? string.Empty)))
            .Where(s => s.Match.Success)
            .ToDictionary(s => s.Match.Groups[1].Value, s => s.State);

    [Fact]
    public void Definition_EveryPhase_IsDeclaredOnceOnTheStateThatBeginsIt()
    {
        var entries = PhaseEntries(TestStacks.DefaultTemplate);

        Assert.Equal(new Dictionary<string, string>
        {
            ["validate"] = "ValidateRequest",
            ["lock"] = "AcquireLock",
            ["refused"] = "ReadLockHolder",
            ["failed"] = "ReleaseLockOnFailure",
            ["prepare"] = "ReadWeights",
            ["grace"] = "GracePeriod",
            ["health"] = "StartCounters",
            ["traffic"] = "StartTrafficShift",
            ["bake"] = "StartBake",
            ["finalize"] = "ReadFinalWeights",
            ["rollback"] = "RollBackToLiveColor",
            ["retire"] = "RetainPreviousColor",
        }.OrderBy(e => e.Key), entries.OrderBy(e => e.Key));
    }

    [Fact]
    public void Definition_ApprovalRequired_DeclaresTheApprovalPhaseOnTheWaitForTheAnswer()
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new DeploymentConfiguration { ApprovalRequired = true });

        var entries = PhaseEntries(TemplateJson.Of(stack));

        Assert.Equal("AwaitApproval", entries["approval"]);
        Assert.Equal(13, entries.Count);
    }

    [Fact]
    public void Definition_PhaseComments_SayWhatThePhaseDoesWithTheConfiguredFigures()
    {
        var states = TestStacks.DefaultTemplate.Definition("PipelineDeploy")["States"]!.AsObject();

        var grace = states["GracePeriod"]!;

        Assert.Equal($"[phase:grace] {grace["Seconds"]!.GetValue<int>()} s for the new instances to boot.", grace["Comment"]!.GetValue<string>());
        Assert.StartsWith("[phase:health] At most ", states["StartCounters"]!["Comment"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
