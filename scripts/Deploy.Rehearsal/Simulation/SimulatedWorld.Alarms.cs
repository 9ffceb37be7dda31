using System.Globalization;
using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation.Alarms;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// CloudWatch alarms evaluated from the per-minute metric history with the template's own definitions
/// (<see cref="RehearsalStack.Alarms"/>), their state changes delivered to EventBridge and their actions to the topic.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Every metric alarm is evaluated at every whole minute of simulated time, over the periods that ended by then
/// (the load balancer publishes a minute's datapoint once the minute is over), with <see cref="MetricAlarmEvaluator"/>.
/// The datapoints are the ones GetMetricData answers (<c>Datapoint</c>), plus <c>HealthyHostCount</c> (Minimum) and
/// <c>UnHealthyHostCount</c> (Maximum) from the target health the world samples at every minute and every change.</item>
/// <item>A composite alarm is evaluated when a metric alarm it names changes state (user guide, "Create a composite
/// alarm"): ALARM when its rule is TRUE, otherwise OK.</item>
/// <item>Every state change is sent to EventBridge as a "CloudWatch Alarm State Change" event (user guide, "Alarm events
/// and EventBridge"), matched against the template's rules; an enabled rule that matches starts its state machine
/// target with the input its InputTransformer makes of the event.</item>
/// <item>Actions to the topic record a <see cref="Notification"/> shaped as CloudWatch's alarm message (AlarmName,
/// NewStateValue, NewStateReason, StateChangeTime, …; Subject <c>ALARM: "name" in US East (N. Virginia)</c>). Its
/// <see cref="Notification.Event"/> is <c>CloudWatchAlarm:&lt;state&gt;</c> and its <see cref="Notification.Execution"/>
/// the alarm's ARN: it is not a deployment's notification (see <see cref="IsAlarmMessage"/>).</item>
/// </list>
/// </remarks>
public sealed partial class SimulatedWorld
{
    /// <summary>The prefix of <see cref="Notification.Event"/> of an alarm's message to the topic.</summary>
    public const string AlarmMessageEventPrefix = "CloudWatchAlarm:";

    private const string RegionName = "US East (N. Virginia)";
    private readonly Dictionary<string, AlarmStateRecord> _alarmStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DateTimeOffset At, int Healthy, int Unhealthy)>> _hostSamples = new(StringComparer.Ordinal);
    private DateTimeOffset _lastAlarmTick = Epoch;
    private DateTimeOffset _lastMonitoredChange = Epoch;
    private bool _alarmsReady;

    /// <summary>The state of one alarm now.</summary>
    /// <param name="Value">OK, ALARM or INSUFFICIENT_DATA.</param>
    /// <param name="Reason">The state reason, as CloudWatch words it.</param>
    /// <param name="ReasonData">The state reason data (JSON).</param>
    /// <param name="Since">When it entered this state.</param>
    public sealed record AlarmStateRecord(string Value, string Reason, string ReasonData, DateTimeOffset Since);

    /// <summary>One alarm state change.</summary>
    /// <param name="At">When.</param>
    /// <param name="AlarmName">The alarm.</param>
    /// <param name="Composite">Whether it is a composite alarm.</param>
    /// <param name="From">The previous state.</param>
    /// <param name="To">The new state.</param>
    /// <param name="Reason">The new state's reason.</param>
    public sealed record AlarmTransition(DateTimeOffset At, string AlarmName, bool Composite, string From, string To, string Reason);

    /// <summary>Every alarm state change, in order (the initial states not included).</summary>
    public List<AlarmTransition> AlarmHistory { get; } = new();

    /// <summary>Every event delivered to EventBridge, and the rules it started a target of.</summary>
    public List<(DateTimeOffset At, JsonObject Event, IReadOnlyList<string> Rules)> Events { get; } = new();

    /// <summary>The state of the alarm named <paramref name="name"/> now.</summary>
    public AlarmStateRecord AlarmState(string name) => _alarmStates[name];

    /// <summary>
    /// The first bad minute of the incident that was going on at <paramref name="until"/>: the start of the first whole
    /// minute of the last unbroken run of minutes before <paramref name="until"/> in which a datapoint of one of
    /// <paramref name="color"/>'s metric alarms breaches its threshold. Earlier breaches that ended (instances still booting
    /// before the color took traffic) belong to no incident. <see langword="null"/> when no minute breaches.
    /// </summary>
    public DateTimeOffset? FirstBreachingMinute(string color, DateTimeOffset until)
    {
        var alarms = _stack.Alarms.MetricAlarms.Where(a => ColorOf(a) == color).ToList();
        bool Breaching(DateTimeOffset minute) =>
            alarms.Any(a => AlarmValue(a, minute, minute.AddSeconds(a.Period)) is { } value && a.Breaches(value));

        var last = Epoch.AddMinutes(Math.Floor((until - Epoch).TotalMinutes) - 1);
        while (last >= Epoch && !Breaching(last))
        {
            last = last.AddMinutes(-1);
        }

        if (last < Epoch)
        {
            return null;
        }

        var first = last;
        while (first.AddMinutes(-1) >= Epoch && Breaching(first.AddMinutes(-1)))
        {
            first = first.AddMinutes(-1);
        }

        return first;
    }

    /// <summary>Whether <paramref name="notification"/> is an alarm's message (an alarm action), not a deployment's notification.</summary>
    public static bool IsAlarmMessage(Notification notification) =>
        notification.Event.StartsWith(AlarmMessageEventPrefix, StringComparison.Ordinal);

    /// <summary>The deployments' notifications: every message published by an execution (alarm messages left out).</summary>
    public IEnumerable<Notification> DeploymentNotifications => Notifications.Where(n => !IsAlarmMessage(n));

    /// <summary>The initial alarm states, evaluated from the history as it stands (no event, no action: they were there before).</summary>
    private void InitializeAlarms()
    {
        foreach (var alarm in _stack.Alarms.MetricAlarms)
        {
            ColorOf(alarm);
            var evaluation = MetricAlarmEvaluator.Evaluate(alarm, Range(alarm), AlarmStates.InsufficientData);
            _alarmStates[alarm.Name] = new AlarmStateRecord(evaluation.State, MetricReason(alarm, evaluation, AlarmStates.InsufficientData), "{}", Clock.UtcNow);
        }

        foreach (var composite in _stack.Alarms.CompositeAlarms)
        {
            var value = composite.AlarmRule.Evaluate(StateOfReference) ? AlarmStates.Alarm : AlarmStates.Ok;
            _alarmStates[composite.Name] = new AlarmStateRecord(value, $"{composite.Arn} was created and its alarm rule evaluates to {value}", "{}", Clock.UtcNow);
        }

        SampleHosts();
        _alarmsReady = true;
    }

    /// <summary>
    /// The next whole minute after the last evaluation, when it is at or before <paramref name="until"/>; the hook
    /// <see cref="AdvanceTo"/> uses to evaluate the alarms at the right instants, in the middle of a Wait too.
    /// </summary>
    private DateTimeOffset? NextAlarmTick(DateTimeOffset until)
    {
        if (!_alarmsReady || _stack.Alarms.MetricAlarms.Count == 0)
        {
            return null;
        }

        var next = _lastAlarmTick.AddMinutes(1);
        return next <= until ? next : null;
    }

    /// <summary>
    /// Whether the clock must keep going minute by minute once nothing else is scheduled: while an alarm could still
    /// change, that is until every alarm's evaluation range has passed since the last change of metrics, health or alarm
    /// states.
    /// </summary>
    private bool AlarmsUnsettled()
    {
        if (!_alarmsReady || _stack.Alarms.MetricAlarms.Count == 0)
        {
            return false;
        }

        var horizon = _stack.Alarms.MetricAlarms.Max(a => TimeSpan.FromSeconds((MetricAlarmEvaluator.EvaluationRange(a.EvaluationPeriods) + 1) * a.Period));
        return _lastAlarmTick.AddMinutes(1) <= _lastMonitoredChange + horizon;
    }

    /// <summary>Evaluates every alarm at the tick <see cref="NextAlarmTick"/> gave (the clock is there).</summary>
    private void EvaluateAlarms(DateTimeOffset tick)
    {
        _lastAlarmTick = tick;
        SampleHosts();
        var changed = new List<string>();
        foreach (var alarm in _stack.Alarms.MetricAlarms)
        {
            var current = _alarmStates[alarm.Name];
            var evaluation = MetricAlarmEvaluator.Evaluate(alarm, Range(alarm), current.Value);
            if (evaluation.State == current.Value)
            {
                continue;
            }

            var reason = MetricReason(alarm, evaluation, current.Value);
            var reasonData = new JsonObject
            {
                ["version"] = "1.0",
                ["queryDate"] = Stamp(Clock.UtcNow),
                ["period"] = alarm.Period,
                ["recentDatapoints"] = new JsonArray(evaluation.Evaluated.Select(p => (JsonNode)p.Value).ToArray()),
                ["threshold"] = alarm.Threshold,
            };
            if (evaluation.Evaluated.Count > 0)
            {
                reasonData["startDate"] = Stamp(evaluation.Evaluated[0].At);
            }

            Transition(alarm.Name, alarm.Arn, false, current, evaluation.State, reason, reasonData.ToJsonString(), alarm.Description,
                alarm.ActionsEnabled ? ActionsFor(evaluation.State, alarm.AlarmActions, alarm.OkActions, alarm.InsufficientDataActions) : [], null);
            changed.Add(alarm.Arn);
        }

        if (changed.Count == 0)
        {
            return;
        }

        foreach (var composite in _stack.Alarms.CompositeAlarms)
        {
            var current = _alarmStates[composite.Name];
            var value = composite.AlarmRule.Evaluate(StateOfReference) ? AlarmStates.Alarm : AlarmStates.Ok;
            if (value == current.Value)
            {
                continue;
            }

            // The reason names the child whose change decided it (user guide, "Alarm events and EventBridge", composite sample).
            var children = composite.AlarmRule.Alarms.Select(ArnOfReference).ToList();
            var triggering = children.Where(changed.Contains).ToList();
            var reason = $"{triggering.FirstOrDefault() ?? children.FirstOrDefault()} transitioned to {value} at {Clock.UtcNow.ToString("dddd dd MMMM, yyyy HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
            var reasonData = new JsonObject
            {
                ["triggeringAlarms"] = new JsonArray(triggering.Select(arn => (JsonNode)new JsonObject
                {
                    ["arn"] = arn,
                    ["state"] = new JsonObject { ["value"] = StateOfReference(arn), ["timestamp"] = Stamp(Clock.UtcNow) },
                }).ToArray()),
            };
            Transition(composite.Name, composite.Arn, true, current, value, reason, reasonData.ToJsonString(), composite.Description,
                composite.ActionsEnabled ? ActionsFor(value, composite.AlarmActions, composite.OkActions, composite.InsufficientDataActions) : [], composite.AlarmRuleText);
        }
    }

    private void Transition(string name, string arn, bool composite, AlarmStateRecord previous, string value, string reason, string reasonData,
        string? description, IReadOnlyList<string> actions, string? alarmRule)
    {
        var now = Clock.UtcNow;
        _alarmStates[name] = new AlarmStateRecord(value, reason, reasonData, now);
        _lastMonitoredChange = now;
        AlarmHistory.Add(new AlarmTransition(now, name, composite, previous.Value, value, reason));

        // The alarm action's message (SNS "Amazon CloudWatch Alarm" notification: AlarmName, NewStateValue, NewStateReason,
        // StateChangeTime, Region, AlarmArn, OldStateValue, …; a composite's carries its AlarmRule instead of a Trigger).
        foreach (var topic in actions.Where(a => a.StartsWith("arn:aws:sns:", StringComparison.Ordinal)))
        {
            var message = new JsonObject
            {
                ["AlarmName"] = name,
                ["AlarmDescription"] = description,
                ["AWSAccountId"] = "123456789012",
                ["NewStateValue"] = value,
                ["NewStateReason"] = reason,
                ["StateChangeTime"] = Stamp(now),
                ["Region"] = RegionName,
                ["AlarmArn"] = arn,
                ["OldStateValue"] = previous.Value,
            };
            if (alarmRule is not null)
            {
                message["AlarmRule"] = alarmRule;
            }

            Notifications.Add(new Notification(now, AlarmMessageEventPrefix + value, $"{value}: \"{name}\" in {RegionName}", message, arn));
        }

        Deliver(new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = "CloudWatch Alarm State Change",
            ["source"] = "aws.cloudwatch",
            ["account"] = "123456789012",
            ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = "us-east-1",
            ["resources"] = new JsonArray(arn),
            ["detail"] = new JsonObject
            {
                ["alarmName"] = name,
                ["state"] = new JsonObject { ["value"] = value, ["reason"] = reason, ["reasonData"] = reasonData, ["timestamp"] = Stamp(now) },
                ["previousState"] = new JsonObject { ["value"] = previous.Value, ["reason"] = previous.Reason, ["reasonData"] = previous.ReasonData, ["timestamp"] = Stamp(previous.Since) },
                ["configuration"] = alarmRule is null ? new JsonObject { ["description"] = description } : new JsonObject { ["alarmRule"] = alarmRule, ["description"] = description },
            },
        });
    }

    /// <summary>
    /// EventBridge: every enabled rule whose pattern matches starts its targets (only state machines are simulated) with
    /// the input its target makes of the event. The scenario's <c>autoRollback</c> setting, when given, stands for enabling
    /// or disabling the rule on the deployed stack (as <c>aws events enable-rule/disable-rule</c> would).
    /// </summary>
    private void Deliver(JsonObject @event)
    {
        var matched = new List<string>();
        foreach (var rule in _stack.Alarms.Rules)
        {
            if (!(_alarmRuleEnabled ?? rule.Enabled) || !rule.Matches(@event))
            {
                continue;
            }

            matched.Add(rule.Name);
            foreach (var target in rule.Targets)
            {
                var machine = _stack.MachineOfArn(target.Arn)
                    ?? throw new NotSupportedException($"Events rule {rule.Name}: target {target.Id} ({target.Arn}) is not a state machine of the stack; only those are simulated.");
                _queued.Enqueue((machine, target.InputFor(@event), "alarm"));
            }
        }

        Events.Add((Clock.UtcNow, @event, matched));
    }

    private static IReadOnlyList<string> ActionsFor(string state, IReadOnlyList<string> alarm, IReadOnlyList<string> ok, IReadOnlyList<string> insufficient) =>
        state switch { AlarmStates.Alarm => alarm, AlarmStates.Ok => ok, _ => insufficient };

    /// <summary>
    /// The state now of <paramref name="color"/>'s composite alarm(s): the composite whose rule names only that color's metric
    /// alarms; ALARM when any is in ALARM, otherwise the first one's state; <see langword="null"/> when the template has none.
    /// </summary>
    public string? CompositeAlarmStateOf(string color)
    {
        var states = _stack.Alarms.CompositeAlarms
            .Where(c => c.AlarmRule.Alarms.Count > 0 && c.AlarmRule.Alarms.All(reference =>
                _stack.Alarms.MetricAlarms.FirstOrDefault(a => a.Arn == reference || a.Name == reference) is { } metric && ColorOf(metric) == color))
            .Select(c => _alarmStates[c.Name].Value).ToList();
        return states.Contains(AlarmStates.Alarm) ? AlarmStates.Alarm : states.FirstOrDefault();
    }

    /// <summary>The state of an alarm named in a composite rule, by name or ARN.</summary>
    private string StateOfReference(string reference)
    {
        var name = _stack.Alarms.MetricAlarms.FirstOrDefault(a => a.Arn == reference)?.Name
            ?? _stack.Alarms.CompositeAlarms.FirstOrDefault(a => a.Arn == reference)?.Name
            ?? reference;
        return _alarmStates.TryGetValue(name, out var state)
            ? state.Value
            : throw new NotSupportedException($"A composite alarm rule names {reference}, which is no alarm of the template.");
    }

    private string ArnOfReference(string reference) =>
        _stack.Alarms.MetricAlarms.FirstOrDefault(a => a.Name == reference)?.Arn
        ?? _stack.Alarms.CompositeAlarms.FirstOrDefault(a => a.Name == reference)?.Arn
        ?? reference;

    /// <summary>
    /// The alarm's evaluation range: the last <see cref="MetricAlarmEvaluator.EvaluationRange"/> whole periods that ended
    /// by now (periods aligned to multiples of the period), oldest first, each with its value or none.
    /// </summary>
    private List<(DateTimeOffset At, double? Value)> Range(MetricAlarmDefinition alarm)
    {
        var period = TimeSpan.FromSeconds(alarm.Period);
        return MetricAlarmEvaluator.RangeStarts(Clock.UtcNow, alarm.Period, alarm.EvaluationPeriods)
            .Select(from => (from, AlarmValue(alarm, from, from + period)))
            .ToList();
    }

    /// <summary>The alarm's value for one period: its metric's datapoint, or its expression over its metrics' datapoints.</summary>
    private double? AlarmValue(MetricAlarmDefinition alarm, DateTimeOffset from, DateTimeOffset to)
    {
        var color = ColorOf(alarm);
        double? MetricValue(AlarmMetric metric) => AlarmDatapoint(alarm, color, metric, from, to);
        var returned = alarm.Returned;
        if (returned.Expression is null)
        {
            return MetricValue(returned);
        }

        var values = alarm.Metrics.Where(m => m.Expression is null).ToDictionary(m => m.Id, MetricValue, StringComparer.Ordinal);
        return MetricMathExpression.Parse(returned.Expression).Evaluate(id => values.GetValueOrDefault(id));
    }

    /// <summary>One metric's datapoint for one period, with the statistic the alarm asks for (the ones simulated are refused otherwise).</summary>
    private double? AlarmDatapoint(MetricAlarmDefinition alarm, string color, AlarmMetric metric, DateTimeOffset from, DateTimeOffset to)
    {
        var expected = metric.MetricName switch
        {
            "HTTPCode_Target_5XX_Count" or "RequestCount" => "Sum",
            "TargetResponseTime" => "p99",
            "HealthyHostCount" => "Minimum",
            "UnHealthyHostCount" => "Maximum",
            _ => null,
        };
        if (metric.Namespace != "AWS/ApplicationELB" || expected is null || metric.Stat != expected)
        {
            throw new NotSupportedException(
                $"Alarm {alarm.Name}: {metric.Namespace} {metric.MetricName} {metric.Stat} is not simulated (AWS/ApplicationELB HTTPCode_Target_5XX_Count/RequestCount Sum, TargetResponseTime p99, HealthyHostCount Minimum and UnHealthyHostCount Maximum are).");
        }

        return Datapoint(color, metric.MetricName!, from, to);
    }

    /// <summary>The color whose target group the alarm's metrics are dimensioned by.</summary>
    private string ColorOf(MetricAlarmDefinition alarm)
    {
        var groups = alarm.Metrics.Where(m => m.Expression is null).Select(m => m.Dimensions.GetValueOrDefault("TargetGroup")).Distinct().ToList();
        var color = groups.Count == 1 ? _stack.TargetGroupFullName.FirstOrDefault(t => t.Value == groups[0]).Key : null;
        return color ?? throw new NotSupportedException(
            $"Alarm {alarm.Name}: its metrics must name one of the fleet's target groups as the TargetGroup dimension (got {string.Join(", ", groups.Select(g => g ?? "none"))}).");
    }

    /// <summary>Notes how many targets of each color are healthy and unhealthy now (called every minute and on every change).</summary>
    private void SampleHosts()
    {
        foreach (var color in Groups.Keys)
        {
            var states = Groups[color].Instances.Select(i => TargetStateOf(color, i)).ToList();
            var sample = (Clock.UtcNow, states.Count(s => s == "healthy"), states.Count(s => s == "unhealthy"));
            var samples = _hostSamples.TryGetValue(color, out var list) ? list : _hostSamples[color] = new();
            if (samples.Count > 0 && samples[^1].Healthy == sample.Item2 && samples[^1].Unhealthy == sample.Item3)
            {
                continue;
            }

            if (samples.Count > 0 && samples[^1].At == sample.UtcNow)
            {
                samples[^1] = sample;
            }
            else
            {
                samples.Add(sample);
            }

            _lastMonitoredChange = Clock.UtcNow;
        }
    }

    /// <summary>
    /// <c>HealthyHostCount</c> (Minimum) or <c>UnHealthyHostCount</c> (Maximum) of one period: over the health the world
    /// sampled in it and the state at its start (only registered targets count: targets in <c>initial</c> or
    /// <c>draining</c> count in neither, nor do instances not registered — <c>Pending</c> ones, or terminating ones past their
    /// deregistration delay; ALB metrics guide). A target's health changing between two samples shows at the next sample (at most a minute later).
    /// </summary>
    private double? HostCount(string color, string metric, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_hostSamples.TryGetValue(color, out var samples))
        {
            return null;
        }

        var atStart = samples.LastOrDefault(s => s.At <= from);
        var within = samples.Where(s => s.At > from && s.At < to).ToList();
        if (atStart == default && within.Count == 0)
        {
            return null;
        }

        var considered = atStart == default ? within : within.Prepend(atStart).ToList();
        return metric == "HealthyHostCount" ? considered.Min(s => s.Healthy) : considered.Max(s => s.Unhealthy);
    }

    /// <summary>Notes a change of what the metrics report (Drain keeps evaluating alarms for a while after it).</summary>
    private void MetricsChanged()
    {
        _lastMonitoredChange = Clock.UtcNow;
        if (_alarmsReady)
        {
            SampleHosts();
        }
    }

    private static string MetricReason(MetricAlarmDefinition alarm, AlarmEvaluation evaluation, string previous)
    {
        if (evaluation.State == AlarmStates.InsufficientData)
        {
            return "Insufficient Data: no datapoints were received for the evaluation range.";
        }

        var points = string.Join(", ", evaluation.Evaluated.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Value:0.0###} ({p.At.UtcDateTime.ToString("dd/MM/yy HH:mm:ss", CultureInfo.InvariantCulture)})")));
        var breaching = evaluation.State == AlarmStates.Alarm;
        var count = breaching ? evaluation.Breaching : evaluation.Considered - evaluation.Breaching;
        var threshold = alarm.Threshold.ToString("0.0###", CultureInfo.InvariantCulture);
        // As CloudWatch words a threshold crossing (user guide, "Alarm events and EventBridge", state.reason samples).
        return $"Threshold Crossed: {count} out of the last {evaluation.Considered} datapoints [{points}] was {(breaching ? string.Empty : "not ")}{alarm.ComparisonWords} the threshold ({threshold}) "
            + $"(minimum {alarm.DatapointsToAlarm} datapoint{(alarm.DatapointsToAlarm == 1 ? string.Empty : "s")} for {previous} -> {evaluation.State} transition).";
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    /// <summary>DescribeAlarms of the composite and metric alarms named in <c>AlarmNames</c> (and of the <c>AlarmTypes</c> asked for; default: metric alarms only).</summary>
    /// <remarks>CloudWatch API reference, DescribeAlarms: without <c>AlarmTypes</c> only metric alarms are returned.</remarks>
    private TaskOutcome DescribeAlarms(JsonObject input)
    {
        var names = (input["AlarmNames"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var types = (input["AlarmTypes"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? ["MetricAlarm"];
        var composites = new JsonArray();
        var metrics = new JsonArray();
        if (types.Contains("CompositeAlarm"))
        {
            foreach (var alarm in _stack.Alarms.CompositeAlarms.Where(a => names.Count == 0 || names.Contains(a.Name)))
            {
                var state = _alarmStates[alarm.Name];
                composites.Add(new JsonObject
                {
                    ["ActionsEnabled"] = alarm.ActionsEnabled,
                    ["AlarmActions"] = new JsonArray(alarm.AlarmActions.Select(a => (JsonNode)a).ToArray()),
                    ["AlarmArn"] = alarm.Arn,
                    ["AlarmDescription"] = alarm.Description,
                    ["AlarmName"] = alarm.Name,
                    ["AlarmRule"] = alarm.AlarmRuleText,
                    ["InsufficientDataActions"] = new JsonArray(alarm.InsufficientDataActions.Select(a => (JsonNode)a).ToArray()),
                    ["OKActions"] = new JsonArray(alarm.OkActions.Select(a => (JsonNode)a).ToArray()),
                    ["StateReason"] = state.Reason,
                    ["StateReasonData"] = state.ReasonData,
                    ["StateUpdatedTimestamp"] = Iso(state.Since),
                    ["StateValue"] = state.Value,
                    ["StateTransitionedTimestamp"] = Iso(state.Since),
                });
            }
        }

        if (types.Contains("MetricAlarm"))
        {
            foreach (var alarm in _stack.Alarms.MetricAlarms.Where(a => names.Count == 0 || names.Contains(a.Name)))
            {
                var state = _alarmStates[alarm.Name];
                metrics.Add(new JsonObject
                {
                    ["AlarmName"] = alarm.Name,
                    ["AlarmArn"] = alarm.Arn,
                    ["AlarmDescription"] = alarm.Description,
                    ["ActionsEnabled"] = alarm.ActionsEnabled,
                    ["StateValue"] = state.Value,
                    ["StateReason"] = state.Reason,
                    ["StateReasonData"] = state.ReasonData,
                    ["StateUpdatedTimestamp"] = Iso(state.Since),
                    ["EvaluationPeriods"] = alarm.EvaluationPeriods,
                    ["DatapointsToAlarm"] = alarm.DatapointsToAlarm,
                    ["Threshold"] = alarm.Threshold,
                    ["ComparisonOperator"] = alarm.ComparisonOperator,
                    ["TreatMissingData"] = alarm.TreatMissingData,
                });
            }
        }

        return TaskOutcome.Success(new JsonObject { ["CompositeAlarms"] = composites, ["MetricAlarms"] = metrics });
    }
}
