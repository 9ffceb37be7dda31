using System.Text.Json.Nodes;
using Deploy.Rehearsal.Authorization;
using Deploy.Rehearsal.Simulation.Alarms;
using Deploy.Rehearsal.Simulation.ApiModels;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// The resolved state machines of one synthesized stack (Deploy, Rollback and HealthProbe; Recovery and Unlock when it has them), and the fake values that stand for the
/// fleet's resources in their definitions (target groups, groups, rule, launch template, alarms, handlers).
/// </summary>
public sealed class RehearsalStack
{
    /// <summary>Builds the map from the resolved definitions of one template, and its roles' policies and its alarms when known.</summary>
    /// <param name="machines">The resolved state machines by logical id.</param>
    /// <param name="policies">The roles' policies, when resolved.</param>
    /// <param name="alarms">The template's alarms and alarm events rule, when resolved.</param>
    /// <param name="resources">The template's <c>Resources</c>, for what the world reads besides the definitions (the
    /// EventBridge rules on execution status changes); <see langword="null"/> when the stack has none to give.</param>
    public RehearsalStack(IReadOnlyDictionary<string, ResolvedStateMachine> machines, StackPolicies? policies = null, AlarmDefinitions? alarms = null,
        JsonObject? resources = null)
    {
        _machines = machines;
        _resources = resources;
        Policies = policies;
        Alarms = alarms ?? AlarmDefinitions.None;
        Deploy = Single(machines, "PipelineDeploy");
        Rollback = Single(machines, "PipelineRollback");
        HealthProbe = Single(machines, "PipelineHealthProbe");
        Recovery = machines.Values.SingleOrDefault(m => m.LogicalId.StartsWith("PipelineRecovery", StringComparison.Ordinal));
        Unlock = machines.Values.SingleOrDefault(m => m.LogicalId.StartsWith("PipelineUnlock", StringComparison.Ordinal));
        MachineArn = new[] { Deploy, Rollback, HealthProbe, Recovery, Unlock }.Where(m => m is not null)
            .ToDictionary(m => RoleOf(m!), m => $"arn:aws:states:us-east-1:123456789012:stateMachine:{m!.LogicalId}");
        StatusChangeRules = resources is null ? [] : ExecutionStatusRule.Read(resources, logicalId =>
            new[] { Deploy, Rollback, HealthProbe, Recovery, Unlock }.FirstOrDefault(m => m?.LogicalId == logicalId) is { } m ? RoleOf(m) : null);
        foreach (var machine in new[] { Deploy, Rollback, HealthProbe, Recovery, Unlock }.OfType<ResolvedStateMachine>())
        {
            ApiModelCheck.ThrowIfInvalid(machine.LogicalId, machine.Definition);
        }

        var references = machines.Values.SelectMany(m => m.References).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.First().Value);

        string Find(string prefix, string? attribute = null) =>
            references.First(r => r.Value.LogicalId.StartsWith(prefix, StringComparison.Ordinal) && r.Value.Attribute == attribute).Key;

        TargetGroupArn = new() { ["blue"] = Find("FleetBlueTargetGroup"), ["green"] = Find("FleetGreenTargetGroup") };
        TargetGroupFullName = new() { ["blue"] = Find("FleetBlueTargetGroup", "TargetGroupFullName"), ["green"] = Find("FleetGreenTargetGroup", "TargetGroupFullName") };
        GroupName = new() { ["blue"] = Find("FleetBlueGroup"), ["green"] = Find("FleetGreenGroup") };
        RuleArn = Find("FleetWeightedRule");
        LaunchTemplateId = Find("FleetLaunchTemplate");
        LaunchTemplateSourceVersion = references
            .FirstOrDefault(r => r.Value.LogicalId.StartsWith("FleetLaunchTemplate", StringComparison.Ordinal) && r.Value.Attribute == "LatestVersionNumber").Key;
        Functions = references.Where(r => r.Value.Type == "AWS::Lambda::Function").ToDictionary(r => r.Key, r => HandlerName(r.Value.LogicalId));
        StateMachines = new()
        {
            [references.First(r => r.Value.LogicalId == HealthProbe.LogicalId).Key] = "HealthProbe",
        };
        var definitionText = Deploy.Definition.ToJsonString() + Rollback.Definition.ToJsonString() + HealthProbe.Definition.ToJsonString();
        CompositeAlarmName = new()
        {
            ["blue"] = AlarmName(definitionText, "-blue-rollback"),
            ["green"] = AlarmName(definitionText, "-green-rollback"),
        };
    }

    private readonly IReadOnlyDictionary<string, ResolvedStateMachine> _machines;
    private readonly JsonObject? _resources;

    /// <summary>The roles and policies of the template (what the world authorizes calls with); <see langword="null"/> when not resolved.</summary>
    public StackPolicies? Policies { get; }

    /// <summary>The same state machines with other policies (for example one statement removed).</summary>
    public RehearsalStack WithPolicies(StackPolicies policies) => new(_machines, policies, Alarms, _resources) { TargetGroupHealth = TargetGroupHealth };

    /// <summary>
    /// The same stack with <paramref name="machine"/> in place of the state machine of the same logical id (every other
    /// machine, the policies, the alarms, the status-change rules and the target groups' timing kept): a definition changed
    /// as a defect would change it, rehearsed in the world the rest of the stack makes.
    /// </summary>
    /// <param name="machine">The replacement; its <see cref="ResolvedStateMachine.LogicalId"/> must be one of this stack's machines.</param>
    /// <returns>The changed stack; its constructor validates the replacement as CreateStateMachine would.</returns>
    public RehearsalStack WithMachine(ResolvedStateMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (!_machines.ContainsKey(machine.LogicalId))
        {
            throw new ArgumentException($"The stack has no state machine {machine.LogicalId}.", nameof(machine));
        }

        var machines = _machines.ToDictionary(m => m.Key, m => m.Key == machine.LogicalId ? machine : m.Value);
        return new(machines, Policies, Alarms, _resources) { TargetGroupHealth = TargetGroupHealth };
    }

    /// <summary>
    /// Health-check timing and deregistration delay of each color's target group, from the template
    /// (<see cref="TargetGroupHealthSettings.OfFleet"/>). Default: the ELBv2 defaults for both.
    /// </summary>
    public IReadOnlyDictionary<string, TargetGroupHealthSettings> TargetGroupHealth { get; init; } = new Dictionary<string, TargetGroupHealthSettings>
    {
        ["blue"] = TargetGroupHealthSettings.Defaults,
        ["green"] = TargetGroupHealthSettings.Defaults,
    };

    /// <summary>The Recovery state machine, when the stack has one.</summary>
    public ResolvedStateMachine? Recovery { get; }

    /// <summary>The Unlock state machine, when the stack has one.</summary>
    public ResolvedStateMachine? Unlock { get; }

    /// <summary>
    /// The ARN each state machine has in the resolved definitions and rules (its <c>Ref</c>), by role: Deploy, Rollback,
    /// HealthProbe, Recovery, Unlock.
    /// </summary>
    public Dictionary<string, string> MachineArn { get; }

    /// <summary>The template's EventBridge rules on "Step Functions Execution Status Change" events.</summary>
    public IReadOnlyList<ExecutionStatusRule> StatusChangeRules { get; }

    /// <summary>The alarms and events rules of the template (<see cref="AlarmDefinitions.None"/> when not resolved).</summary>
    public AlarmDefinitions Alarms { get; }

    /// <summary>The same state machines with other alarms (for example a raised threshold).</summary>
    public RehearsalStack WithAlarms(AlarmDefinitions alarms) => new(_machines, Policies, alarms, _resources) { TargetGroupHealth = TargetGroupHealth };

    /// <summary>Deploy, Rollback or HealthProbe for a state machine ARN as the template's Ref gives it; <see langword="null"/> for another.</summary>
    public string? MachineOfArn(string arn) =>
        new[] { ("Deploy", Deploy), ("Rollback", Rollback), ("HealthProbe", HealthProbe) }
            .Where(m => arn.EndsWith(":stateMachine:" + m.Item2.LogicalId, StringComparison.Ordinal))
            .Select(m => m.Item1)
            .FirstOrDefault();

    /// <summary>The Deploy state machine.</summary>
    public ResolvedStateMachine Deploy { get; }

    /// <summary>The Rollback state machine.</summary>
    public ResolvedStateMachine Rollback { get; }

    /// <summary>The HealthProbe state machine.</summary>
    public ResolvedStateMachine HealthProbe { get; }

    /// <summary>Target group ARN by color.</summary>
    public Dictionary<string, string> TargetGroupArn { get; }

    /// <summary>Target group full name (metric dimension) by color.</summary>
    public Dictionary<string, string> TargetGroupFullName { get; }

    /// <summary>Auto Scaling group name by color.</summary>
    public Dictionary<string, string> GroupName { get; }

    /// <summary>Composite rollback alarm name by color.</summary>
    public Dictionary<string, string> CompositeAlarmName { get; }

    /// <summary>The weighted listener rule's ARN.</summary>
    public string RuleArn { get; }

    /// <summary>The launch template id.</summary>
    public string LaunchTemplateId { get; }

    /// <summary>
    /// What the definitions name for <c>Fn::GetAtt &lt;launch template&gt;.LatestVersionNumber</c> — the version CloudFormation
    /// made of the template last, the Deploy flow's <c>SourceVersion</c>. The resolver leaves it as a named placeholder
    /// (<c>scripts/rehearsal/resolve-definition.mjs</c>) and the world resolves it to its own CloudFormation version, as
    /// CloudFormation resolves the attribute when it updates the state machine; <see langword="null"/> when no definition names it.
    /// </summary>
    public string? LaunchTemplateSourceVersion { get; }

    /// <summary>Handler name (ValidateRequest, HealthCheck, LaunchTemplateRevert) by function ARN.</summary>
    public Dictionary<string, string> Functions { get; }

    /// <summary>State machine role by ARN (only those started as tasks).</summary>
    public Dictionary<string, string> StateMachines { get; }

    /// <summary>The definition of a state machine by role name.</summary>
    public JsonObject Definition(string machine) => machine switch
    {
        "Deploy" => Deploy.Definition,
        "Rollback" => Rollback.Definition,
        "HealthProbe" => HealthProbe.Definition,
        "Recovery" when Recovery is not null => Recovery.Definition,
        "Unlock" when Unlock is not null => Unlock.Definition,
        _ => throw new ArgumentException($"Unknown state machine {machine}; use Deploy, Rollback, Recovery, Unlock or HealthProbe.", nameof(machine)),
    };

    private string RoleOf(ResolvedStateMachine machine) =>
        machine == Deploy ? "Deploy" : machine == Rollback ? "Rollback" : machine == HealthProbe ? "HealthProbe" : machine == Recovery ? "Recovery" : "Unlock";

    private static ResolvedStateMachine Single(IReadOnlyDictionary<string, ResolvedStateMachine> machines, string prefix) =>
        machines.Values.Single(m => m.LogicalId.StartsWith(prefix, StringComparison.Ordinal));

    private static string HandlerName(string logicalId) =>
        logicalId.StartsWith("PipelineValidateRequest", StringComparison.Ordinal) ? "ValidateRequest"
        : logicalId.StartsWith("PipelineHealthCheck", StringComparison.Ordinal) ? "HealthCheck"
        : logicalId.StartsWith("PipelineLaunchTemplateRevert", StringComparison.Ordinal) ? "LaunchTemplateRevert"
        : logicalId;

    private static string AlarmName(string definitions, string suffix)
    {
        var end = definitions.IndexOf(suffix, StringComparison.Ordinal);
        var start = definitions.LastIndexOf('"', end) + 1;
        return definitions[start..(end + suffix.Length)];
    }
}
