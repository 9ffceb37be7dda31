using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.StepFunctions;
using Deploy.Contracts.Flows;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// Everything the CLI asks of AWS, through the Step Functions API only: finding an environment's state machines,
/// starting and reading executions, their histories, health probes (sync executions of HealthProbe), approvals.
/// </summary>
public sealed class PipelineGateway(IStepFunctionsClient client)
{
    private static readonly string[] Roles = ["deploy", "rollback", "health-probe"];
    private readonly Dictionary<string, DefinitionFacts> _facts = new(StringComparer.Ordinal);
    private List<StateMachineListItem>? _machines;

    /// <summary>The environment's three state machines; an unknown environment lists the known ones.</summary>
    public async Task<PipelineMachines> LocateAsync(string application, string environment, CancellationToken ct)
    {
        var machines = await ListMachinesAsync(ct);
        string? Find(string role) => machines.FirstOrDefault(m => m.Name == $"{application}-{environment}-{role}")?.StateMachineArn;
        var deploy = Find("deploy");
        var rollback = Find("rollback");
        var probe = Find("health-probe");
        if (deploy is null || rollback is null || probe is null)
        {
            var known = machines.Select(m => m.Name)
                .Where(n => n.StartsWith(application + "-", StringComparison.Ordinal) && n.EndsWith("-deploy", StringComparison.Ordinal))
                .Select(n => n[(application.Length + 1)..^"-deploy".Length])
                .Order(StringComparer.Ordinal)
                .ToList();
            throw new CliException(ExitCode.UsageError, known.Count == 0
                ? $"Unknown environment \"{environment}\": no state machines of application \"{application}\" were found in this account and region (looked for {application}-{environment}-deploy). Check --app, --region and --profile, or deploy the stack first."
                : $"Unknown environment \"{environment}\" for application \"{application}\"; known environments: {string.Join(", ", known)}.", CliErrorNames.UnknownEnvironment);
        }

        return new PipelineMachines(application, environment, deploy, rollback, probe, Find("recovery")) { Unlock = Find("unlock") };
    }

    /// <summary>The machines of the environment an execution belongs to (from its ARN: …:execution:&lt;app&gt;-&lt;env&gt;-deploy:&lt;name&gt;).</summary>
    public async Task<PipelineMachines> MachinesOfExecutionAsync(string application, string executionArn, CancellationToken ct) =>
        await LocateAsync(application, EnvironmentOfExecution(application, executionArn), ct);

    /// <summary>
    /// The Deploy, Rollback and HealthProbe machines of the environment an execution ARN belongs to, named as the construct
    /// names them (<c>&lt;app&gt;-&lt;env&gt;-&lt;role&gt;</c>, in the execution's partition, Region and account), without
    /// any call: reads that need only those machines start together with the execution's own. Whether they exist is what
    /// <see cref="MachinesOfExecutionAsync"/> checks (its error is the one to report).
    /// </summary>
    public static PipelineMachines NamedMachinesOfExecution(string application, string executionArn)
    {
        var environment = EnvironmentOfExecution(application, executionArn);
        var prefix = string.Join(':', executionArn.Split(':')[..5]) + ":stateMachine:" + application + "-" + environment + "-";
        return new PipelineMachines(application, environment, prefix + "deploy", prefix + "rollback", prefix + "health-probe");
    }

    /// <summary>
    /// The environment an execution ARN belongs to, read from its state machine's name (<c>&lt;app&gt;-&lt;env&gt;-&lt;role&gt;</c>)
    /// without any call; a usage error when the ARN is not one of <paramref name="application"/>'s executions.
    /// </summary>
    public static string EnvironmentOfExecution(string application, string executionArn)
    {
        var parts = executionArn.Split(':');
        if (parts.Length < 8 || parts[5] != "execution")
        {
            throw new CliException(ExitCode.UsageError, $"--execution-arn: \"{executionArn}\" is not a Step Functions execution ARN (arn:aws:states:<region>:<account>:execution:<state machine>:<name>).", CliErrorNames.InvalidArn);
        }

        var machine = parts[6];
        var role = Roles.FirstOrDefault(r => machine.EndsWith("-" + r, StringComparison.Ordinal))
            ?? throw new CliException(ExitCode.UsageError, $"{machine} is not a deploy, rollback or health-probe state machine of this tool.", CliErrorNames.InvalidArn);
        var stem = machine[..^(role.Length + 1)];
        if (!stem.StartsWith(application + "-", StringComparison.Ordinal))
        {
            throw new CliException(ExitCode.UsageError, $"{machine} does not belong to application \"{application}\"; pass its --app.", CliErrorNames.InvalidArn);
        }

        return stem[(application.Length + 1)..];
    }

    /// <summary>Starts an execution; returns its ARN.</summary>
    public async Task<string> StartAsync(string stateMachineArn, JsonObject input, string? name, CancellationToken ct) =>
        (await client.StartExecutionAsync(stateMachineArn, input.ToJsonString(), name, ct)).ExecutionArn;

    /// <summary>Stops a running execution with an error name and a cause (StopExecution).</summary>
    public Task StopAsync(string executionArn, string error, string cause, CancellationToken ct) =>
        client.StopExecutionAsync(executionArn, error, cause, ct);

    /// <summary>
    /// The Recovery execution EventBridge started for the end of <paramref name="endedArn"/> (its input's
    /// <c>detail.executionArn</c>), among those started since <paramref name="since"/>; <see langword="null"/> while none is.
    /// </summary>
    public async Task<ExecutionView?> RecoveryOfAsync(PipelineMachines machines, string endedArn, DateTimeOffset since, CancellationToken ct)
    {
        if (machines.Recovery is null)
        {
            return null;
        }

        // Described one at a time, oldest first (it started after the deployment ended), until the one for endedArn.
        var page = await client.ListExecutionsAsync(machines.Recovery, statusFilter: null, maxResults: 100, nextToken: null, cancellationToken: ct);
        foreach (var item in page.Executions.Where(e => e.StartDate >= since).OrderBy(e => e.StartDate))
        {
            var recovery = await DescribeAsync(item.ExecutionArn, ct);
            if (ExecutionInsight.Member(ExecutionInsight.Member(recovery.Input, StatePath.Name<RecoveryState>(r => r.Detail)), StatePath.Name<ExecutionStatusChange>(d => d.ExecutionArn)) is JsonValue v
                && v.TryGetValue<string>(out var arn) && arn == endedArn)
            {
                return recovery;
            }
        }

        return null;
    }

    /// <summary>The executions of a state machine started since <paramref name="since"/> (its latest 100 at most), newest first, described.</summary>
    public async Task<IReadOnlyList<ExecutionView>> ExecutionsSinceAsync(string stateMachineArn, DateTimeOffset since, CancellationToken ct)
    {
        var page = await client.ListExecutionsAsync(stateMachineArn, statusFilter: null, maxResults: 100, nextToken: null, cancellationToken: ct);
        var result = new List<ExecutionView>();
        foreach (var item in page.Executions.Where(e => e.StartDate >= since).OrderByDescending(e => e.StartDate))
        {
            result.Add(await DescribeAsync(item.ExecutionArn, ct));
        }

        return result;
    }

    /// <summary>One execution, with input and output parsed.</summary>
    public async Task<ExecutionView> DescribeAsync(string executionArn, CancellationToken ct)
    {
        var e = await client.DescribeExecutionAsync(executionArn, ct);
        return new ExecutionView(e.ExecutionArn, e.Name ?? executionArn.Split(':')[^1], Status(e.Status), e.StartDate, e.StopDate,
            Parse(e.Input), Parse(e.Output), e.Error, e.Cause);
    }

    /// <summary>The whole history of an execution, oldest first, with execution data.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string executionArn, CancellationToken ct)
    {
        var events = new List<HistoryEvent>();
        string? next = null;
        do
        {
            var page = await client.GetExecutionHistoryAsync(executionArn, maxResults: 1000, reverseOrder: false, nextToken: next, includeExecutionData: true, cancellationToken: ct);
            foreach (var e in page.Events)
            {
                var raw = (e.Raw.ValueKind == JsonValueKind.Object ? JsonObject.Create(e.Raw) : null) ?? new JsonObject();
                var state = e.StateEnteredEventDetails?.Name ?? e.StateExitedEventDetails?.Name;
                events.Add(new HistoryEvent(e.Id, e.Timestamp, e.Type, state, raw));
            }

            next = page.NextToken;
        }
        while (next is not null);
        return events;
    }

    /// <summary>The Deploy definition's facts (target groups by color, waits), cached.</summary>
    public async Task<DefinitionFacts> FactsAsync(PipelineMachines machines, CancellationToken ct)
    {
        if (!_facts.TryGetValue(machines.Deploy, out var facts))
        {
            facts = _facts[machines.Deploy] = DefinitionFacts.From(await DefinitionAsync(machines.Deploy, ct));
        }

        return facts;
    }

    /// <summary>The figures the construct published as the Deploy state machine's tags (ListTagsForResource).</summary>
    public async Task<PublishedFacts> PublishedFactsAsync(PipelineMachines machines, CancellationToken ct) =>
        PublishedFacts.From((await client.ListTagsForResourceAsync(machines.Deploy, ct)).Tags);

    /// <summary>A state machine's definition.</summary>
    public async Task<JsonObject> DefinitionAsync(string stateMachineArn, CancellationToken ct) =>
        JsonNode.Parse((await client.DescribeStateMachineAsync(stateMachineArn, ct)).Definition)!.AsObject();

    /// <summary>Runs the HealthProbe state machine; the verdict (with the rule weights) or a clear error.</summary>
    public async Task<JsonObject> ProbeAsync(PipelineMachines machines, string color, string phase, DateTimeOffset? since, JsonObject? thresholds, CancellationToken ct,
        bool readRecord = false)
    {
        var input = new JsonObject { [HealthProbeRequest.Name(r => r.Color)] = color, [HealthProbeRequest.Name(r => r.Phase)] = phase };
        if (readRecord)
        {
            input[HealthProbeRequest.Name(r => r.ReadRecord)] = true;
        }

        if (since is { } start)
        {
            input[HealthProbeRequest.Name(r => r.Since)] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (thresholds is { Count: > 0 })
        {
            input[HealthProbeRequest.Name(r => r.Thresholds)] = thresholds;
        }

        var result = await client.StartSyncExecutionAsync(machines.HealthProbe, input.ToJsonString(), null, ct);
        if (result.Status != ExecutionStatus.Succeeded)
        {
            throw new CliException(ExitCode.DeploymentFailed, $"The health probe of {color} failed ({result.Error}): {result.Cause}", CliErrorNames.HealthProbeFailed);
        }

        return Parse(result.Output) as JsonObject ?? new JsonObject();
    }

    /// <summary>
    /// The rule's weights and the environment's state item (lock holder, colors, whether the previous color is warm), in one
    /// health probe; the record is null when the stack's probe does not read it or the read was refused.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, int> Weights, EnvironmentRecord? Record)> WeightsAndRecordAsync(PipelineMachines machines, CancellationToken ct)
    {
        var probe = await ProbeAsync(machines, "blue", HealthProbeRequest.BeforeTraffic, null, null, ct, readRecord: true);
        return (WeightsOf(probe), EnvironmentRecord.From(probe[HealthProbeOutput.Name(o => o.Record)]));
    }

    /// <summary>
    /// The rule's weights by color and the service's clock, read through one health probe (the CLI speaks only Step Functions): its <c>evaluatedAt</c> (the time of its
    /// verdict, from Step Functions' context object) is the "now" a metric window must end at — AWS's clock, or the local
    /// engine's simulated one, which need not be this machine's. <see langword="null"/> when the probe does not say (a stack
    /// deployed before it did).
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, int> Weights, DateTimeOffset? Now)> WeightsAndClockAsync(PipelineMachines machines, CancellationToken ct)
    {
        var probe = await ProbeAsync(machines, "blue", HealthProbeRequest.BeforeTraffic, null, null, ct);
        var now = probe[HealthProbeOutput.Name(o => o.EvaluatedAt)] is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : (DateTimeOffset?)null;
        return (WeightsOf(probe), now);
    }

    /// <summary>The weights by color in a probe's answer (its ModifyRule-style <c>weights</c> and its <c>targetGroups</c> by color).</summary>
    public static SortedDictionary<string, int> WeightsOf(JsonObject probe)
    {
        var colors = (probe[HealthProbeOutput.Name(o => o.TargetGroups)] as JsonObject ?? new JsonObject())
            .ToDictionary(c => c.Value!.GetValue<string>(), c => c.Key, StringComparer.Ordinal);
        var weights = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in probe[HealthProbeOutput.Name(o => o.Weights)]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var arn = group[StatePath.Name<TargetGroupWeight>(w => w.TargetGroupArn)]!.GetValue<string>();
            weights[colors.GetValueOrDefault(arn, arn)] = (int)group[StatePath.Name<TargetGroupWeight>(w => w.Weight)]!.GetValue<double>();
        }

        return weights;
    }

    /// <summary>Recent Deploy executions that are deployments (not the retire runs), newest first.</summary>
    public async Task<IReadOnlyList<ExecutionView>> DeploymentsAsync(PipelineMachines machines, int limit, CancellationToken ct)
    {
        var result = new List<ExecutionView>();
        string? next = null;
        do
        {
            var page = await client.ListExecutionsAsync(machines.Deploy, statusFilter: null, maxResults: 100, nextToken: next, cancellationToken: ct);
            foreach (var item in page.Executions.OrderByDescending(e => e.StartDate))
            {
                var execution = await DescribeAsync(item.ExecutionArn, ct);
                if (!DeployInput.IsRetire(execution.Input))
                {
                    result.Add(execution);
                    if (result.Count == limit)
                    {
                        return result;
                    }
                }
            }

            next = page.NextToken;
        }
        while (next is not null);
        return result;
    }

    /// <summary>Running deployments (approval candidates).</summary>
    public async Task<IReadOnlyList<ExecutionView>> RunningDeploymentsAsync(PipelineMachines machines, CancellationToken ct)
    {
        var page = await client.ListExecutionsAsync(machines.Deploy, statusFilter: ExecutionStatus.Running, maxResults: 100, nextToken: null, cancellationToken: ct);
        var result = new List<ExecutionView>();
        foreach (var item in page.Executions)
        {
            var execution = await DescribeAsync(item.ExecutionArn, ct);
            if (!DeployInput.IsRetire(execution.Input))
            {
                result.Add(execution);
            }
        }

        return result;
    }

    /// <summary>The version last deployed successfully to each color.</summary>
    public async Task<IReadOnlyDictionary<string, string>> VersionsByColorAsync(PipelineMachines machines, CancellationToken ct)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var deployment in await DeploymentsAsync(machines, 50, ct))
        {
            if (deployment.Status == "SUCCEEDED" && StatePath.ReadString<DeployState>(deployment.Output, s => s.Colors.Idle) is { } color
                && DeployInput.Version(deployment.Input) is { } version)
            {
                versions.TryAdd(color, version);
            }
        }

        return versions;
    }

    /// <summary>Recent deployments with outcome, duration and — for rolled-back ones that had moved traffic — the time to restore.</summary>
    public async Task<IReadOnlyList<DeploymentEntry>> DeploymentHistoryAsync(PipelineMachines machines, int limit, CancellationToken ct)
    {
        var entries = new List<DeploymentEntry>();
        var approvals = (await FactsAsync(machines, ct)).ApprovalRequired;
        foreach (var d in await DeploymentsAsync(machines, limit, ct))
        {
            TimeSpan? restore = null;
            ApprovalAnswer? approval = null;
            var outcome = Outcomes.Of(d);
            if (outcome is "RolledBack" or "RollbackFailed" || approvals)
            {
                var history = await HistoryAsync(d.Arn, ct);
                approval = history.Select(ApprovalAnswer.From).LastOrDefault(a => a is not null);
                var shifted = history.FirstOrDefault(e => e.State?.StartsWith(FlowStateNames.Prefixes.ShiftTrafficTo, StringComparison.Ordinal) == true && e.Type.EndsWith("Exited", StringComparison.Ordinal));
                var restored = history.LastOrDefault(e => e.State?.StartsWith(FlowStateNames.Prefixes.RestoreTrafficTo, StringComparison.Ordinal) == true && e.Type.EndsWith("Exited", StringComparison.Ordinal));
                if (outcome is "RolledBack" or "RollbackFailed" && shifted is not null && restored is not null)
                {
                    restore = restored.Time - shifted.Time;
                }
            }

            entries.Add(new DeploymentEntry(d.Arn, d.Start, d.Stop, DeployInput.Version(d.Input),
                StatePath.ReadString<DeployState>(d.Output, s => s.Validation.Request!.Strategy) ?? StatePath.ReadString<DeploymentRequest>(d.Input, r => r.Strategy),
                outcome, d.Stop is { } stop ? stop - d.Start : null, restore,
                DeployInput.Read(d.Input, r => r.RequestedBy)?.ToString(), DeployInput.Read(d.Input, r => r.Reason)?.ToString(), approval));
        }

        return entries;
    }

    /// <summary>Answers an approval task with success.</summary>
    public Task ApproveAsync(string taskToken, JsonObject output, CancellationToken ct) => client.SendTaskSuccessAsync(taskToken, output.ToJsonString(), ct);

    /// <summary>Answers an approval task with failure (the deployment rolls back with that reason).</summary>
    public Task RejectAsync(string taskToken, string error, string cause, CancellationToken ct) => client.SendTaskFailureAsync(taskToken, error, cause, ct);

    private async Task<List<StateMachineListItem>> ListMachinesAsync(CancellationToken ct)
    {
        if (_machines is not null)
        {
            return _machines;
        }

        var machines = new List<StateMachineListItem>();
        string? next = null;
        do
        {
            var page = await client.ListStateMachinesAsync(next, ct);
            machines.AddRange(page.StateMachines);
            next = page.NextToken;
        }
        while (next is not null);
        return _machines = machines;
    }

    private static string Status(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        ExecutionStatus.PendingRedrive => "PENDING_REDRIVE",
        _ => "UNKNOWN",
    };

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
