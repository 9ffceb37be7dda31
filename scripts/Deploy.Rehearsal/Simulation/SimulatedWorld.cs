using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Rehearsal.Simulation.ApiModels;
using Deploy.Contracts.Flows;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// The AWS world a rehearsal runs against: the rule weights, two Auto Scaling groups with numbered
/// launch-template versions and instances, target health over simulated time, metrics and alarm states, the
/// lock/record table, the topic's messages, and the real decision handlers. It answers every Task of the
/// synthesized state machines, advances the simulated clock on Wait states and retries, injects the
/// scenario's faults, evaluates the template's alarms from the metrics and delivers their state changes to the
/// template's events rule (which starts the Rollback state machine when a composite alarm enters ALARM).
/// </summary>
public sealed partial class SimulatedWorld : ITaskHandler
{
    /// <summary>How long the instances that exist when a scenario starts have been running.</summary>
    private static readonly TimeSpan InServiceBefore = TimeSpan.FromHours(1);

    /// <summary>Where simulated time starts.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly RehearsalEngine _engine;
    private readonly RehearsalStack _stack;
    private readonly Scenario _scenario;
    private readonly bool? _alarmRuleEnabled;
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset At, Action Apply, string What)> _pending = new();
    private readonly Queue<(string Machine, JsonNode? Input, string Why)> _queued = new();
    private int _instanceCounter;
    private int _executionCounter;
    private int _standardExecutions;

    /// <summary>Builds the world of <paramref name="scenario"/> for the state machines of <paramref name="stack"/>.</summary>
    public SimulatedWorld(RehearsalEngine engine, RehearsalStack stack, Scenario scenario)
    {
        _engine = engine;
        _stack = stack;
        _scenario = scenario;
        _alarmRuleEnabled = scenario.Settings?["autoRollback"]?.GetValue<bool>();
        var setup = scenario.World;

        Weights["blue"] = setup.BlueWeight;
        Weights["green"] = 100 - setup.BlueWeight;
        var live = setup.BlueWeight >= 50 ? "blue" : "green";
        if (setup.BlueWeight is > 0 and < 100 && setup.State?[Contracts.Flows.StateItem.Name(i => i.LiveColor)] is JsonNode recorded)
        {
            live = recorded.GetValue<string>();
        }

        OldColor = live;
        NewColor = Other(live);
        foreach (var color in new[] { "blue", "green" })
        {
            Groups[color] = new Group(stack.GroupName[color], "1", 0, setup.MaxCapacity, 0);
            Signals[color] = new ColorSignals();
        }

        InitializeLaunchTemplates(live);

        // What runs before the scenario has been in service for a while (launched, registered and healthy).
        Scale(Groups[live], setup.Capacity, setup.Capacity, Epoch - InServiceBefore);
        Scale(Groups[NewColor], 0, setup.IdleCapacity, Epoch - InServiceBefore);
        if (setup.State is { } state)
        {
            var item = new JsonObject { ["pk"] = new JsonObject { ["S"] = PartitionKey }, ["sk"] = new JsonObject { ["S"] = "STATE" } };
            foreach (var (key, value) in state)
            {
                item[key] = SimulatedTable.Typed(value);
            }

            Table.Put(item);
        }

        foreach (var e in scenario.Timeline.Where(e => e.From == TimelineOrigin.Start))
        {
            Schedule(Epoch.AddSeconds(e.AtSeconds), e);
        }

        ScheduleStops();
        foreach (var later in scenario.Later)
        {
            _pending.Add((Epoch.AddSeconds(later.AtSeconds), () => _queued.Enqueue((later.Machine, later.Input, "operator")), $"operator starts {later.Machine}"));
        }

        InitializeAlarms();
    }

    /// <summary>The simulated clock.</summary>
    public SimulatedClock Clock { get; } = new(Epoch);

    /// <summary>
    /// How many Standard executions (HealthProbe children not counted) this world runs before it decides the scenario loops
    /// and throws. Default: 60. A long-lived world (the local engine's) raises it.
    /// </summary>
    public int MaxExecutions { get; set; } = 60;

    /// <summary>
    /// Opt-in: answers every <c>.waitForTaskToken</c> approval task instead of the scenario's <see cref="Scenario.Approval"/>.
    /// Called on the engine's thread with the task call and the published message (which carries <c>taskToken</c>);
    /// it may block until an operator answers and may advance the clock (<see cref="AdvanceTo"/>). Its outcome is the
    /// task's: a success stands for SendTaskSuccess, a failure (for example <c>Deploy.ApprovalRejected</c> or
    /// <c>States.Timeout</c>) for SendTaskFailure or a timeout. Default: <see langword="null"/> (the scenario answers).
    /// </summary>
    public Func<TaskCall, JsonObject, TaskOutcome>? ApprovalHandler { get; set; }

    /// <summary>
    /// Opt-in: told about every task attempt (Wait states included) before the world answers it, with the execution
    /// it belongs to; the clock shows when the attempt started. An exception thrown here aborts that execution
    /// (<see cref="RunExecution(string, JsonNode?, string)"/> rethrows it), which stops it where it is.
    /// </summary>
    public Action<ExecutionRecord, TaskCall>? TaskStarting { get; set; }

    /// <summary>
    /// Opt-in: told about every task attempt after the world answered it, with its outcome; the clock shows when the
    /// attempt ended (after a Wait, after the operator answered an approval). Do not change the outcome's output.
    /// </summary>
    public Action<ExecutionRecord, TaskCall, TaskOutcome>? TaskAnswered { get; set; }

    /// <summary>
    /// Opt-in: told about every execution (HealthProbe children included) right after it ended, with its result and the
    /// world as it left it.
    /// </summary>
    public Action<ExecutionRecord>? ExecutionEnded { get; set; }

    /// <summary>The color live before the first execution.</summary>
    public string OldColor { get; }

    /// <summary>The color the first deployment targets.</summary>
    public string NewColor { get; }

    /// <summary>Rule weights by color, as ModifyRule set them: 0–999 and relative (see <see cref="TrafficShare"/>).</summary>
    public Dictionary<string, int> Weights { get; } = new(StringComparer.Ordinal);

    /// <summary>Auto Scaling groups by color.</summary>
    public Dictionary<string, Group> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Launch-template versions and their labels (<c>old</c>, <c>new</c>).</summary>
    public SortedDictionary<int, string> LaunchTemplates { get; } = new();

    /// <summary>What each color's metrics show, by color.</summary>
    public Dictionary<string, ColorSignals> Signals { get; } = new(StringComparer.Ordinal);

    /// <summary>The lock and record table.</summary>
    public SimulatedTable Table { get; } = new();

    /// <summary>Every message published to the topic.</summary>
    public List<Notification> Notifications { get; } = new();

    /// <summary>Every PutMetricData datum.</summary>
    public List<JsonObject> Metrics { get; } = new();

    /// <summary>Every weight change: time, state and the new weights.</summary>
    public List<(DateTimeOffset At, string State, int Blue, int Green)> WeightChanges { get; } = new();

    /// <summary>Every verdict returned by the HealthCheck handler: time, color, phase, status.</summary>
    public List<(DateTimeOffset At, string Color, string Phase, string Status)> Verdicts { get; } = new();

    /// <summary>Every execution, in start order.</summary>
    public List<ExecutionRecord> Executions { get; } = new();

    /// <summary>When traffic first moved to the new color, if it did.</summary>
    public DateTimeOffset? FirstShift { get; private set; }

    /// <summary>The new color's composite alarm state when traffic first moved to it, if it did.</summary>
    public string? FirstShiftCompositeAlarmState { get; private set; }

    /// <summary>Whether anything a deployment changes was changed (weights, groups, launch-template versions).</summary>
    public bool Changed => WeightChanges.Count > 0 || LaunchTemplates.Count > 1 || Groups.Values.Any(g => g.Updated);

    /// <summary>The partition key of the bundled app's environment.</summary>
    public string PartitionKey => $"{_scenario.Application}#{_scenario.Environment}";

    /// <summary>The state item, or null.</summary>
    public JsonObject? StateItem => Table.Get(PartitionKey, "STATE");

    /// <summary>Runs the scenario: the first execution, then everything it queued and every scheduled event, in simulated time.</summary>
    public ExecutionRecord RunScenario()
    {
        if (_scenario.World.StartAfterSeconds > 0)
        {
            AdvanceTo(Epoch.AddSeconds(_scenario.World.StartAfterSeconds));
        }

        var first = RunExecution(_scenario.Machine, _scenario.Request, "scenario");
        Drain();
        return first;
    }

    private ExecutionRecord NewRecord(string machine, JsonNode? input, string why, string? executionName, ExecutionRecord? parent)
    {
        // HealthProbe children do not count: a long bake probes once a minute, which is not a loop.
        ++_executionCounter;
        if (machine != "HealthProbe" && ++_standardExecutions > MaxExecutions)
        {
            throw new InvalidOperationException($"More than {MaxExecutions} Standard executions: the scenario loops.");
        }

        var smName = $"{_scenario.Application}-{_scenario.Environment}-{machine.ToLowerInvariant()}";
        var name = executionName ?? $"{machine.ToLowerInvariant()}-{_executionCounter}";
        var arn = $"arn:aws:states:us-east-1:123456789012:execution:{smName}:{name}";
        var record = new ExecutionRecord(machine, name, arn, input?.DeepClone(), why, Clock.UtcNow)
        {
            Parent = parent,
            WeightsAtStart = new Dictionary<string, int>(Weights),
        };
        Executions.Add(record);
        return record;
    }

    /// <summary>
    /// Runs a <c>.sync</c> child (a HealthProbe) as part of the calling execution's task, on its thread: its waits are
    /// the caller's.
    /// </summary>
    private ExecutionRecord RunSyncChild(string machine, JsonNode? input)
    {
        var me = Self();
        var record = NewRecord(machine, input, SyncChild, null, parent: me.Stack.Count > 0 ? me.Stack.Peek() : null);
        Execute(me, record, _stack.Definition(machine));
        return record;
    }

    /// <summary>Runs <paramref name="record"/>'s execution to its end on the calling participant's thread.</summary>
    private void Execute(Participant me, ExecutionRecord record, JsonObject definition)
    {
        var smName = $"{_scenario.Application}-{_scenario.Environment}-{record.Machine.ToLowerInvariant()}";
        var context = new JsonObject
        {
            ["Execution"] = new JsonObject { ["Id"] = record.Arn, ["Name"] = record.Name, ["StartTime"] = Iso(record.StartedAt) },
            ["StateMachine"] = new JsonObject { ["Id"] = $"arn:aws:states:us-east-1:123456789012:stateMachine:{smName}", ["Name"] = smName },
        };
        me.Stack.Push(record);
        try
        {
            var timeout = ScheduleTimeout(record, definition);
            ExecutionResult result;
            try
            {
                result = _engine.Run(definition, record.Input?.DeepClone() ?? new JsonObject(), this, context, Clock);
            }
            finally
            {
                // An ended execution cannot time out: its deadline is no event the world waits for.
                if (timeout is { } deadline)
                {
                    _pending.Remove(deadline);
                }
            }

            record.Complete(result, Clock.UtcNow, new Dictionary<string, int>(Weights), StateItem?.DeepClone() as JsonObject);
            DeliverStatusChange(record);
            ExecutionEnded?.Invoke(record);
        }
        finally
        {
            me.Stack.Pop();
        }
    }


    /// <inheritdoc />
    public TaskOutcome Handle(TaskCall call)
    {
        var execution = Current.Peek();
        if (TaskStarting is null && TaskAnswered is null)
        {
            ThrowIfStopped(execution);
            var answer = Answer(execution, call);
            ThrowIfStopped(execution);
            return answer;
        }

        ThrowIfStopped(execution);
        TaskStarting?.Invoke(execution, call);
        var outcome = Answer(execution, call);
        TaskAnswered?.Invoke(execution, call, outcome);
        ThrowIfStopped(execution);
        return outcome;
    }

    private TaskOutcome Answer(ExecutionRecord execution, TaskCall call)
    {
        if (call.RetryBackoffSeconds is { } backoff)
        {
            AdvanceTo(Clock.UtcNow.AddSeconds(backoff));
            ThrowIfStopped(execution);
        }

        if (call.IsWait)
        {
            AdvanceTo(Clock.UtcNow.AddSeconds(call.WaitSeconds ?? 0));
            return TaskOutcome.Success(call.Input?.DeepClone());
        }

        return WithinDeadline(execution, call, () => Attempt(execution, call));
    }

    private TaskOutcome Attempt(ExecutionRecord execution, TaskCall call)
    {
        var (service, action) = Api(call.Resource);
        var at = Clock.UtcNow;
        execution.Calls.Add((Clock.UtcNow, call.StateName, $"{service}:{action}"));
        // Step Functions refuses a malformed request before calling, IAM before the service acts, then the service's faults.
        if ((ApiModelCheck.Refusal(call) ?? (Authorize ? Refusal(execution, call, service, action) : null) ?? InjectedFault(call, service, action)) is { } fault)
        {
            execution.Refused.Add((Clock.UtcNow, call.StateName, $"{service}:{action}"));
            return Logged(at, execution, call, $"{service}:{action}", injected: true, fault);
        }

        var input = call.Input as JsonObject ?? new JsonObject();
        var outcome = service switch
        {
            "lambda" => InvokeHandler(call.Resource, input),
            "elasticloadbalancingv2" => LoadBalancer(call.StateName, action, input),
            "autoscaling" => AutoScaling(action, input),
            "ec2" => Ec2(action, input),
            "cloudwatch" => CloudWatch(action, input),
            "dynamodb" => Table.Handle(action, input),
            "sns" => Publish(call, input, execution),
            "states" or "sfn" => StartExecution(action, input),
            _ => throw new NotSupportedException($"{call.StateName}: {call.Resource} is not simulated."),
        };
        ApiModelCheck.CheckResult(call, outcome);
        return Logged(at, execution, call, $"{service}:{action}", injected: false, outcome);
    }

    /// <summary>Every call the world answered, in the order it applied them (Wait states are not calls).</summary>
    public List<WorldCall> CallLog { get; } = new();

    private TaskOutcome Logged(DateTimeOffset at, ExecutionRecord execution, TaskCall call, string api, bool injected, TaskOutcome outcome)
    {
        CallLog.Add(new WorldCall(at, execution.Name, call.StateName, call.Resource, api, call.Input?.DeepClone(), injected,
            outcome.Succeeded ? outcome.Output?.DeepClone() : null, outcome.Error, outcome.Cause));
        return outcome;
    }

    private void Schedule(DateTimeOffset at, TimelineEvent e)
    {
        var color = e.Color switch { "new" => NewColor, "old" => OldColor, _ => e.Color };
        _pending.Add((at, () => Apply(color, e), $"{color}: {e}"));
    }

    private void Apply(string color, TimelineEvent e)
    {
        var signals = Signals[color];
        signals.ErrorsPerMinute = e.ErrorsPerMinute ?? signals.ErrorsPerMinute;
        signals.P99Ms = e.P99Ms ?? signals.P99Ms;
        signals.TargetsUnhealthy = e.TargetsUnhealthy ?? signals.TargetsUnhealthy;
        RecordMetrics();
    }

    private TaskOutcome? InjectedFault(TaskCall call, string service, string action)
    {
        var count = _calls[action] = _calls.GetValueOrDefault(action) + 1;
        foreach (var fault in _scenario.Faults.Where(f => f.Api == action && (f.State is null || call.StateName.StartsWith(f.State, StringComparison.Ordinal))))
        {
            var key = $"{action}@{fault.State}";
            var n = fault.State is null ? count : (_calls[key] = _calls.GetValueOrDefault(key) + 1);
            if (n < fault.FromCall || (fault.Count > 0 && n >= fault.FromCall + fault.Count))
            {
                continue;
            }

            // Named as Step Functions surfaces them (ServiceErrors): throttling and 5xx are not modeled by the aws-sdk
            // services, so they arrive as the generic exception with the code in the cause.
            var integration = ServiceErrors.IntegrationOf(call.Resource);
            var sdk = ServiceErrors.Prefix(integration);
            return fault.Kind switch
            {
                "throttle" => TaskOutcome.Failure(ServiceErrors.Throttled(integration), service == "ec2"
                    ? $"Request limit exceeded. (Service: {sdk}, Status Code: 503, Error Code: RequestLimitExceeded)"
                    : $"Rate exceeded (Service: {sdk}, Status Code: 400, Error Code: Throttling)"),
                "accessDenied" => TaskOutcome.Failure(ServiceErrors.AccessDenied(integration),
                    $"User: arn:aws:sts::123456789012:assumed-role/{Current.Peek().Machine}Role/{Current.Peek().Name} is not authorized to perform: {service}:{action} (Service: {sdk}, Status Code: 403, Error Code: AccessDenied)"),
                "timeout" => NeverAnswered(call, action),
                "internalError" => TaskOutcome.Failure(ServiceErrors.ServerError(integration),
                    $"An internal error occurred (Service: {sdk}, Status Code: 500, Error Code: InternalFailure)"),
                _ => throw new InvalidDataException($"Unknown fault kind '{fault.Kind}'; use throttle, accessDenied, timeout or internalError."),
            };
        }

        return null;
    }

    /// <summary>The service and action of a Task resource (a Lambda ARN is <c>lambda:invoke</c>).</summary>
    private (string Service, string Action) Api(string resource)
    {
        if (_stack.Functions.ContainsKey(resource))
        {
            return ("lambda", "invoke");
        }

        var at = resource.IndexOf(":::", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new NotSupportedException($"Resource {resource} is not simulated.");
        }

        var segments = resource[(at + 3)..].Split(':');
        return segments[0] == "aws-sdk" ? (segments[1], segments[2]) : (segments[0], segments[1].Split('.')[0]);
    }

    private TaskOutcome InvokeHandler(string arn, JsonObject input)
    {
        using var request = new MemoryStream(Encoding.UTF8.GetBytes(input.ToJsonString()));
        Stream response = _stack.Functions[arn] switch
        {
            "ValidateRequest" => new Deploy.ValidateRequest.Function().Handler(request),
            "HealthCheck" => new Deploy.HealthCheck.Function().Handler(request),
            "LaunchTemplateRevert" => new Deploy.LaunchTemplateRevert.Function().Handler(request),
            var other => throw new NotSupportedException($"No handler for {other}."),
        };
        using var reader = new StreamReader(response);
        var output = JsonNode.Parse(reader.ReadToEnd());
        if (_stack.Functions[arn] == "HealthCheck")
        {
            Verdicts.Add((Clock.UtcNow, StatePath.ReadString<HealthCheckInput>(input, i => i.Color) ?? "?", StatePath.ReadString<HealthCheckInput>(input, i => i.Phase) ?? "?",
                StatePath.ReadString<HealthVerdict>(output, v => v.Status) ?? "?"));
        }

        return TaskOutcome.Success(output);
    }

    private static string Other(string color) => color == "blue" ? "green" : "blue";

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>One Auto Scaling group.</summary>
    public sealed class Group(string name, string launchTemplateVersion, int min, int max, int desired)
    {
        /// <summary>The group's name.</summary>
        public string Name { get; } = name;

        /// <summary>The numbered launch-template version it is pinned to.</summary>
        public string LaunchTemplateVersion { get; set; } = launchTemplateVersion;

        /// <summary>Minimum size.</summary>
        public int Min { get; set; } = min;

        /// <summary>Maximum size.</summary>
        public int Max { get; set; } = max;

        /// <summary>Desired capacity.</summary>
        public int Desired { get; set; } = desired;

        /// <summary>Whether UpdateAutoScalingGroup changed it.</summary>
        public bool Updated { get; set; }

        /// <summary>Its instances.</summary>
        public List<Instance> Instances { get; } = new();
    }

    /// <summary>One instance: id, launch-template version, launch time.</summary>
    public sealed partial record Instance(string Id, int LaunchTemplateVersion, DateTimeOffset LaunchedAt);

    /// <summary>What one color's metrics show (its alarms are evaluated from them: <see cref="AlarmState"/>).</summary>
    public sealed class ColorSignals
    {
        /// <summary>Target 5XX per minute while serving traffic.</summary>
        public double ErrorsPerMinute { get; set; }

        /// <summary>p99 response time, ms.</summary>
        public double P99Ms { get; set; } = 45;

        /// <summary>Every target unhealthy.</summary>
        public bool TargetsUnhealthy { get; set; }
    }

    /// <summary>One message published to the topic.</summary>
    public sealed record Notification(DateTimeOffset At, string Event, string? Subject, JsonObject Message, string Execution);

    /// <summary>One execution of the rehearsal and what it did.</summary>
    public sealed class ExecutionRecord(string machine, string name, string arn, JsonNode? input, string why, DateTimeOffset startedAt)
    {
        /// <summary>Deploy, Rollback or HealthProbe.</summary>
        public string Machine { get; } = machine;

        /// <summary>Execution name.</summary>
        public string Name { get; } = name;

        /// <summary>Execution ARN.</summary>
        public string Arn { get; } = arn;

        /// <summary>Input.</summary>
        public JsonNode? Input { get; } = input;

        /// <summary>Why it started: scenario, alarm, operator, queued.</summary>
        public string Why { get; } = why;

        /// <summary>Simulated start.</summary>
        public DateTimeOffset StartedAt { get; } = startedAt;

        /// <summary>The execution whose task (or wait) started this one, if any.</summary>
        public ExecutionRecord? Parent { get; init; }

        /// <summary>Simulated end.</summary>
        public DateTimeOffset EndedAt { get; private set; }

        /// <summary>The engine's result.</summary>
        public ExecutionResult? Result { get; private set; }

        /// <summary>Weights when it started.</summary>
        public IReadOnlyDictionary<string, int>? WeightsAtStart { get; init; }

        /// <summary>Weights when it ended.</summary>
        public IReadOnlyDictionary<string, int>? WeightsAtEnd { get; private set; }

        /// <summary>The state item when it ended.</summary>
        public JsonObject? StateAtEnd { get; private set; }

        /// <summary>The stop requested for it (StopExecution or its timeout), once requested; it ends at its next step.</summary>
        internal ExecutionStoppedException? Stop { get; set; }

        /// <summary>Calls refused by an injected fault: time, state, service:action.</summary>
        public List<(DateTimeOffset At, string State, string Api)> Refused { get; } = new();

        /// <summary>AWS calls made: time, state, service:action.</summary>
        public List<(DateTimeOffset At, string State, string Api)> Calls { get; } = new();

        internal void Complete(ExecutionResult result, DateTimeOffset endedAt, IReadOnlyDictionary<string, int> weights, JsonObject? state)
        {
            Result = result;
            EndedAt = endedAt;
            WeightsAtEnd = weights;
            StateAtEnd = state;
        }
    }
}
