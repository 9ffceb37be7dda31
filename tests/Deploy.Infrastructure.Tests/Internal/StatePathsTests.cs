using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deploy.Constructs;
using Deploy.Contracts.Flows;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.Internal;

/// <summary>
/// The execution data the Deploy, Rollback, Unlock, Recovery and HealthProbe definitions read and write is the one their records declare
/// (<see cref="DeployState"/>, <see cref="RollbackState"/>, <see cref="UnlockState"/>, <see cref="RecoveryState"/>,
/// <see cref="HealthProbeState"/>, the Map item <see cref="InstanceCheck"/>): every <c>$.</c> path
/// in a definition resolves to a declared member, and every declared field is used — so a path typed by hand, or a
/// record member renamed without its flows, fails here.
/// </summary>
public partial class StatePathsTests
{
    private static readonly Lazy<TemplateJson> WithApproval = new(() =>
    {
        var stack = TestStacks.NewStack();
        TestStacks.NewPipeline(stack, new DeploymentConfiguration { ApprovalRequired = true });
        return TemplateJson.Of(stack);
    });

    private static readonly (string, Type)[] Machines =
    [
        ("PipelineDeploy", typeof(DeployState)),
        ("PipelineRollback", typeof(RollbackState)),
        ("PipelineUnlock", typeof(UnlockState)),
        ("PipelineRecovery", typeof(RecoveryState)),
        ("PipelineHealthProbe", typeof(HealthProbeState)),
    ];

    [GeneratedRegex(@"(?<!\$)\$\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+|\[[0-9]+\])*")]
    private static partial Regex PathPattern();

    [Fact]
    public void Of_MembersAndIndexes_FollowTheSerializedNames()
    {
        Assert.Equal("$.colors.idle", StatePath.Of<DeployState>(s => s.Colors.Idle));
        Assert.Equal("$.counters.polls", DeployState.Path(s => s.Counters.Polls));
        Assert.Equal("$.lock.Attributes.liveColor.S", DeployState.Path(s => s.Lock.Attributes.LiveColor.S));
        Assert.Equal("$.lock.Attributes.previousWarm.BOOL", DeployState.Path(s => s.Lock.Attributes.PreviousWarm.BOOL));
        Assert.Equal("$.idleGroup.group.Instances[0]", DeployState.Path(s => s.IdleGroup.Group.Instances[0]));
        var index = 1;
        Assert.Equal("$.weights.targetGroups[1].Weight", DeployState.Path(s => s.Weights.TargetGroups[index].Weight));
        Assert.Equal("$$.Execution.Id", StatePath.Context(c => c.Execution.Id));
        Assert.Equal("shiftIndex", StateItem.Name(i => i.ShiftIndex));
        Assert.Equal("$.x.targetGroups[0]", StatePath.Under<RuleRead>("$.x", r => r.TargetGroups[0]));
    }

    [Fact]
    public void Of_AnExpressionThatIsNotAMemberChain_Throws()
    {
        Assert.Throws<ArgumentException>(() => DeployState.Path(s => s.Colors.Idle.ToUpperInvariant()));
    }

    [Fact]
    public void Read_MembersAndIndexes_FollowTheSerializedNames()
    {
        var data = JsonNode.Parse("""
            { "colors": { "idle": "green" }, "weights": { "targetGroups": [ { "TargetGroupArn": "a", "Weight": 0 }, { "TargetGroupArn": "b", "Weight": 100 } ] } }
            """);

        Assert.Equal("green", StatePath.ReadString<DeployState>(data, s => s.Colors.Idle));
        Assert.Equal(100, StatePath.Read<DeployState>(data, s => s.Weights.TargetGroups[1].Weight)!.GetValue<int>());
        Assert.Equal("a", StatePath.ReadString<DeployState>(data, s => s.Weights.TargetGroups[0].TargetGroupArn));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{ "colors": "green" }""")]
    [InlineData("""{ "colors": { "live": "blue" } }""")]
    [InlineData("""{ "colors": { "idle": 7 } }""")]
    [InlineData("""{ "weights": { "targetGroups": [] } }""")]
    [InlineData("[]")]
    public void Read_AbsentMemberOrAnotherJsonType_Null(string json)
    {
        var data = JsonNode.Parse(json);

        Assert.Null(StatePath.ReadString<DeployState>(data, s => s.Colors.Idle));
        Assert.Null(StatePath.Read<DeployState>(data, s => s.Weights.TargetGroups[0].Weight));
    }

    [Theory]
    [InlineData("PipelineDeploy")]
    [InlineData("PipelineRollback")]
    [InlineData("PipelineUnlock")]
    [InlineData("PipelineRecovery")]
    public void Definition_EveryNotificationMember_IsDeclaredByNotificationMessage(string machine)
    {
        var declared = typeof(NotificationMessage).GetProperties().Select(StatePath.JsonName).ToHashSet(StringComparer.Ordinal);

        var written = Messages(WithApproval.Value.Definition(machine)).SelectMany(m => m.Select(p => p.Key.Replace(".$", string.Empty, StringComparison.Ordinal))).ToList();

        Assert.NotEmpty(written);
        Assert.All(written, member => Assert.Contains(member, declared));
    }

    [Fact]
    public void NotificationMessage_EveryMember_IsWrittenBySomeNotification()
    {
        var written = Machines.SelectMany(m => Messages(WithApproval.Value.Definition(m.Item1)))
            .SelectMany(m => m.Select(p => p.Key.Replace(".$", string.Empty, StringComparison.Ordinal))).ToHashSet(StringComparer.Ordinal);

        Assert.All(typeof(NotificationMessage).GetProperties().Select(StatePath.JsonName), member => Assert.Contains(member, written));
    }

    [Theory]
    [InlineData("PipelineDeploy", typeof(DeployState))]
    [InlineData("PipelineRollback", typeof(RollbackState))]
    [InlineData("PipelineUnlock", typeof(UnlockState))]
    [InlineData("PipelineRecovery", typeof(RecoveryState))]
    [InlineData("PipelineHealthProbe", typeof(HealthProbeState))]
    public void Definition_EveryStatePath_IsADeclaredMember(string machine, Type state)
    {
        var paths = Paths(WithApproval.Value.Definition(machine), state).ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(Resolves(p.Type, p.Path), $"{p.Path} is not declared by {p.Type.Name}"));
    }

    [Fact]
    public void Records_EveryDeclaredField_IsUsedByTheirDefinitions()
    {
        var used = Machines
            .SelectMany(m => Paths(WithApproval.Value.Definition(m.Item1), m.Item2).Select(p => (p.Type, Field: p.Path.Split('.', '[')[1])))
            .ToHashSet();

        foreach (var type in Machines.Select(m => m.Item2))
        {
            // A flow's own fields; those of FlowState are shared (checked below), those of a request record are the flow's own input.
            var declared = type.BaseType == typeof(FlowState) ? BindingFlags.DeclaredOnly : BindingFlags.Default;
            var own = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | declared).Select(StatePath.JsonName);
            Assert.All(own, field => Assert.Contains((type, field), used));
        }

        var shared = typeof(FlowState).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(StatePath.JsonName);
        Assert.All(shared, field => Assert.True(used.Any(u => u.Field == field), $"{field} of FlowState is used by no definition"));
    }

    /// <summary>
    /// Every <c>$.</c> path of a definition, with the record it is read against: the state's, except inside a Map's item
    /// processor (<see cref="InstanceCheck"/>). Result selectors read a task's response, not the state, and are left out.
    /// </summary>
    private static IEnumerable<(Type Type, string Path)> Paths(JsonNode? node, Type type)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (key == "ResultSelector")
                    {
                        continue;
                    }

                    var childType = key is "ItemProcessor" or "Iterator" ? typeof(InstanceCheck) : type;
                    foreach (var path in Paths(child, childType))
                    {
                        yield return path;
                    }
                }

                break;
            case JsonArray a:
                foreach (var path in a.SelectMany(item => Paths(item, type)))
                {
                    yield return path;
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                foreach (Match match in PathPattern().Matches(text))
                {
                    yield return (type, match.Value);
                }

                break;
        }
    }

    /// <summary>The JSON messages of the SNS Publish tasks in <paramref name="definition"/>.</summary>
    private static IEnumerable<JsonObject> Messages(JsonNode? definition) => definition?["States"] is JsonObject states
        ? states.Select(s => s.Value).OfType<JsonObject>().SelectMany(state =>
            state["Resource"]?.ToString().Contains(":sns:publish", StringComparison.Ordinal) == true && state["Parameters"]?["Message"] is JsonObject message
                ? [message]
                : new[] { state["Branches"], state["ItemProcessor"] }.OfType<JsonNode>()
                    .SelectMany(inner => inner is JsonArray branches ? branches.SelectMany(Messages) : Messages(inner)))
        : [];

    /// <summary>Whether <paramref name="path"/> names members of <paramref name="type"/> all the way (anything goes below an untyped member).</summary>
    private static bool Resolves(Type type, string path)
    {
        var current = type;
        foreach (Match segment in Regex.Matches(path[1..], @"\.([A-Za-z0-9_]+)|\[[0-9]+\]"))
        {
            if (current == typeof(object) || (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            {
                return true;
            }

            if (!segment.Groups[1].Success)
            {
                if (!current.IsGenericType || current.GetGenericTypeDefinition() != typeof(IReadOnlyList<>))
                {
                    return false;
                }

                current = current.GetGenericArguments()[0];
                continue;
            }

            var property = current.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => StatePath.JsonName(p) == segment.Groups[1].Value);
            if (property is null)
            {
                return false;
            }

            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }

        return true;
    }
}
