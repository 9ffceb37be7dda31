using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// A rehearsal scenario, read from a JSON file: the request, the environment, the initial world, a timeline
/// of changes at simulated times, injected faults and the expected outcome. The README documents the format.
/// </summary>
public sealed record Scenario
{
    /// <summary>Options that read scenario files: camelCase, comments and trailing commas allowed, unknown fields rejected.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Short name (the file name without extension when loaded from a file).</summary>
    public string Name { get; init; } = "scenario";

    /// <summary>What the scenario shows.</summary>
    public string? Description { get; init; }

    /// <summary>The environment of the bundled app: <c>staging</c> (default) or <c>production</c>.</summary>
    public string Environment { get; init; } = "staging";

    /// <summary>
    /// The application name (the <c>application</c> context of the bundled app): it names the state machines
    /// (<c>&lt;application&gt;-&lt;environment&gt;-deploy</c>) and the state item's key. Default: <c>webapp</c>.
    /// </summary>
    public string Application { get; init; } = "webapp";

    /// <summary>Overrides of the environment's settings (the cdk.json <c>environments.&lt;env&gt;</c> fields).</summary>
    public JsonObject? Settings { get; init; }

    /// <summary>The state machine started first: <c>Deploy</c> (default), <c>Rollback</c> or <c>Unlock</c>.</summary>
    public string Machine { get; init; } = "Deploy";

    /// <summary>The execution input (a deployment request for Deploy).</summary>
    public JsonNode? Request { get; init; }

    /// <summary>The world before the execution starts.</summary>
    public WorldSetup World { get; init; } = new();

    /// <summary>How instances of each version behave once launched.</summary>
    public Dictionary<string, InstanceBehaviour> Health { get; init; } = new();

    /// <summary>
    /// How instances behave by application version: the key is the version as deployed (the <c>version</c> of the
    /// deployment request, which the Deploy flow writes as the <c>deploy:version</c> instance tag of the new
    /// launch-template version), for example <c>{ "v2.0.0": { "errorsPerMinute": 50 } }</c>. Applied to the metrics of
    /// a color whose instances run that version, while the color serves traffic; the worse of this and the color's
    /// <see cref="Timeline"/> values wins. Default: none.
    /// </summary>
    public Dictionary<string, VersionBehaviour> Versions { get; init; } = new();

    /// <summary>Changes at simulated times.</summary>
    public List<TimelineEvent> Timeline { get; init; } = new();

    /// <summary>Injected faults.</summary>
    public List<Fault> Faults { get; init; } = new();

    /// <summary>The operator's answer when the deployment waits for approval. Default: approve at once.</summary>
    public Approval? Approval { get; init; }

    /// <summary>Executions started later by an operator (for example a manual rollback).</summary>
    public List<LaterExecution> Later { get; init; } = new();

    /// <summary>StopExecution calls an operator makes later (for example mid-canary).</summary>
    public List<StopRequest> Stops { get; init; } = new();

    /// <summary>The expected outcome.</summary>
    public Expectation Expect { get; init; } = new();

    /// <summary>Reads a scenario file.</summary>
    /// <exception cref="InvalidDataException">The file is empty, or a timeline event scripts an alarm state (alarms are evaluated now).</exception>
    public static Scenario Load(string path)
    {
        var text = File.ReadAllText(path);
        RefuseScriptedAlarms(path, text);
        var scenario = JsonSerializer.Deserialize<Scenario>(text, Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        return scenario with { Name = Path.GetFileNameWithoutExtension(path) };
    }

    /// <summary>
    /// Refuses the <c>alarm</c> field of timeline events that scenarios once used to script a composite alarm's state:
    /// the world evaluates the template's alarms from the metrics, so a scenario gives metrics that breach them.
    /// </summary>
    private static void RefuseScriptedAlarms(string path, string text)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        if (JsonNode.Parse(text, documentOptions: options) is not JsonObject root || root["timeline"] is not JsonArray timeline)
        {
            return;
        }

        for (var i = 0; i < timeline.Count; i++)
        {
            if (timeline[i] is JsonObject e && e.ContainsKey("alarm"))
            {
                throw new InvalidDataException(
                    $"{path}: timeline[{i}] sets \"alarm\": {e["alarm"]?.ToJsonString()}. Alarm states are no longer scripted: the world evaluates the template's "
                    + "alarms from the metrics. Give the color errorsPerMinute (5XX alarm: more than 10 a minute for 3 minutes), p99Ms (more than 2000 ms "
                    + "for 3 minutes) or targetsUnhealthy (fewer than the minimum healthy percentage for 2 minutes) instead.");
            }
        }
    }
}

/// <summary>The world before the execution.</summary>
public sealed record WorldSetup
{
    /// <summary>Weight of the blue color (green gets the rest). Default: 100.</summary>
    public int BlueWeight { get; init; } = 100;

    /// <summary>Instances of the live color (the one at 100, or blue when split). Default: 2.</summary>
    public int Capacity { get; init; } = 2;

    /// <summary>Instances already running in the other color (kept warm by an earlier deployment). Default: 0.</summary>
    public int IdleCapacity { get; init; }

    /// <summary>Maximum size of each group. Default: 4.</summary>
    public int MaxCapacity { get; init; } = 4;

    /// <summary>The state item before the execution (lock, live/previous colors), as plain values. Default: none.</summary>
    public JsonObject? State { get; init; }

    /// <summary>
    /// How long the environment sits idle (simulated seconds after the start of simulated time, a whole minute) before the
    /// scenario's execution starts: alarms are evaluated meanwhile, and the execution starts that far into a minute, as a
    /// deployment started by an operator would (CloudWatch aligns an alarm's periods to the clock, not to the deployment).
    /// Default: 0.
    /// </summary>
    public double StartAfterSeconds { get; init; }

    /// <summary>
    /// A <c>cdk deploy</c> changed the launch template after the live color was deployed. Default: none (the stack was just
    /// created: version 1 is the template's and both groups run it).
    /// </summary>
    public LaunchTemplateChange? LaunchTemplateChange { get; init; }
}

/// <summary>
/// The launch-template history of a stack whose template a <c>cdk deploy</c> changed after a deployment. The synthesized template
/// (with the scenario's <see cref="Scenario.Settings"/>) is the CDK's current one. Before the scenario: version 1 is what
/// CloudFormation created, the template's data with <see cref="Before"/>'s parameters instead; version 2 is what an earlier
/// deployment made from it (<see cref="LiveImageId"/> and the <c>deploy:version</c> tag <see cref="LiveVersion"/>), which the live
/// group runs; version 3 is what CloudFormation made when the stack update changed the template's data: the CDK's current
/// template, used by no group (CreateLaunchTemplateVersion numbers versions in creation order, EC2 API).
/// </summary>
public sealed record LaunchTemplateChange
{
    /// <summary>Launch parameters the template had before the change, by <c>RequestLaunchTemplateData</c> member (for example <c>{ "InstanceType": "t3.small" }</c>).</summary>
    public JsonObject Before { get; init; } = new();

    /// <summary>The application version the live color runs. Default: <c>v1.0.0</c>.</summary>
    public string LiveVersion { get; init; } = "v1.0.0";

    /// <summary>The image the live color runs. Default: <c>ami-0aaaaaaaaaaaaaaaa</c>.</summary>
    public string LiveImageId { get; init; } = "ami-0aaaaaaaaaaaaaaaa";
}

/// <summary>
/// How instances of one version behave: by version label <c>old</c> (what runs before) or <c>new</c> (what the deployment
/// launches). The times are the instance's and the application's own; the load balancer's health checks add their timing
/// on top (SimulatedWorld.Lifecycle.cs): an instance is <c>Pending</c> for <see cref="BootSeconds"/>, then <c>InService</c>
/// and registered; from then on the target group checks it every interval, a check passing once the application is up
/// (<see cref="HealthyAfterSeconds"/> after boot). The target is <c>healthy</c> after HealthyThresholdCount passes in a row,
/// and <c>unhealthy</c> after UnhealthyThresholdCount failures in a row (so an application slower than that shows
/// <c>unhealthy</c> before it turns <c>healthy</c>, as on AWS).
/// </summary>
public sealed record InstanceBehaviour
{
    /// <summary>Seconds from launch until the instance is <c>InService</c> (and registered with its target group). Default: 60.</summary>
    public double BootSeconds { get; init; } = 60;

    /// <summary>Seconds after boot until the application answers health checks successfully. Default: 60.</summary>
    public double HealthyAfterSeconds { get; init; } = 60;

    /// <summary>The application never answers health checks successfully: the target ends <c>unhealthy</c>.</summary>
    public bool Never { get; init; }

    /// <summary>
    /// With <see cref="Never"/>: seconds after boot until the application answers at all (with errors: reason
    /// <c>Target.ResponseCodeMismatch</c>); before, health checks time out (<c>Target.Timeout</c>). Both are failures.
    /// Default: 300.
    /// </summary>
    public double UnhealthyAfterSeconds { get; init; } = 300;
}

/// <summary>
/// How instances running one application version (see <see cref="Scenario.Versions"/>) answer once traffic reaches
/// them. Their target health is governed by <see cref="Scenario.Health"/>: these values only show in the color's metrics.
/// </summary>
public sealed record VersionBehaviour
{
    /// <summary>Target 5XX responses per minute while the color serves traffic. Default: none (0).</summary>
    public double? ErrorsPerMinute { get; init; }

    /// <summary>p99 response time in milliseconds while the color serves traffic. Default: the color's (45 ms).</summary>
    public double? P99Ms { get; init; }
}

/// <summary>Where a timeline time is counted from.</summary>
public enum TimelineOrigin
{
    /// <summary>The start of the first execution.</summary>
    Start,

    /// <summary>The first traffic shift to the new color.</summary>
    Shift,
}

/// <summary>A change of the world at a simulated time.</summary>
public sealed record TimelineEvent
{
    /// <summary>Seconds after <see cref="From"/>.</summary>
    public double AtSeconds { get; init; }

    /// <summary>Origin of <see cref="AtSeconds"/>. Default: start.</summary>
    public TimelineOrigin From { get; init; } = TimelineOrigin.Start;

    /// <summary>The color changed: <c>new</c> (the deployment's target), <c>old</c>, <c>blue</c> or <c>green</c>.</summary>
    public string Color { get; init; } = "new";

    /// <summary>Target 5XX responses per minute from now on, while the color serves traffic.</summary>
    public double? ErrorsPerMinute { get; init; }

    /// <summary>p99 response time in milliseconds from now on.</summary>
    public double? P99Ms { get; init; }

    /// <summary>Every target of the color turns <c>unhealthy</c> from now on.</summary>
    public bool? TargetsUnhealthy { get; init; }
}

/// <summary>A fault injected into one API.</summary>
public sealed record Fault
{
    /// <summary>The API action as the definitions name it: <c>modifyRule</c>, <c>describeRules</c>, <c>updateItem</c>, <c>publish</c>, …</summary>
    public required string Api { get; init; }

    /// <summary><c>throttle</c>, <c>accessDenied</c>, <c>timeout</c> or <c>internalError</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The first call (1-based) of that API that fails. Default: 1.</summary>
    public int FromCall { get; init; } = 1;

    /// <summary>How many calls fail; 0 for every call from <see cref="FromCall"/> on. Default: 1.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Only calls made by states whose name starts with this prefix (for example <c>RestoreTrafficTo</c>).</summary>
    public string? State { get; init; }
}

/// <summary>The operator's answer to an approval request.</summary>
public sealed record Approval
{
    /// <summary><c>approve</c>, <c>reject</c> or <c>timeout</c>.</summary>
    public string Decision { get; init; } = "approve";

    /// <summary>Seconds after the request when the operator answers. Default: 120.</summary>
    public double AfterSeconds { get; init; } = 120;

    /// <summary>The reason given with a rejection.</summary>
    public string? Reason { get; init; }
}

/// <summary>An execution started later by an operator.</summary>
public sealed record LaterExecution
{
    /// <summary>Seconds after the start of the first execution.</summary>
    public double AtSeconds { get; init; }

    /// <summary><c>Deploy</c>, <c>Rollback</c> or <c>Unlock</c>.</summary>
    public string Machine { get; init; } = "Rollback";

    /// <summary>The execution input.</summary>
    public JsonNode? Input { get; init; }
}

/// <summary>A StopExecution an operator calls later.</summary>
public sealed record StopRequest
{
    /// <summary>Seconds after the start of the first execution.</summary>
    public double AtSeconds { get; init; }

    /// <summary>The state machine whose latest running execution is stopped: <c>Deploy</c> (default) or <c>Rollback</c>.</summary>
    public string Machine { get; init; } = "Deploy";

    /// <summary>StopExecution's <c>error</c>. Default: none.</summary>
    public string? Error { get; init; }

    /// <summary>StopExecution's <c>cause</c>. Default: none.</summary>
    public string? Cause { get; init; }
}

/// <summary>The expected outcome of the first execution and of the world after everything ran.</summary>
public sealed record Expectation
{
    /// <summary><c>SUCCEEDED</c>, <c>FAILED</c>, <c>ABORTED</c> or <c>TIMED_OUT</c>.</summary>
    public string Status { get; init; } = "SUCCEEDED";

    /// <summary>The error of a failed execution, for example <c>Deploy.RolledBack</c>.</summary>
    public string? Error { get; init; }

    /// <summary>Text the cause must contain.</summary>
    public string? CauseContains { get; init; }

    /// <summary>
    /// The first execution was stopped from outside (<c>ABORTED</c> or <c>TIMED_OUT</c>) in this state: the last state it
    /// entered, for example <c>GracePeriod</c>, <c>WaitForHealth</c>, <c>AwaitApproval</c>, <c>CanaryBake</c>, <c>Bake</c>.
    /// Default: not checked.
    /// </summary>
    public string? StoppedIn { get; init; }

    /// <summary>Final share of blue's traffic in percent (weight over the sum of weights; green has the rest).</summary>
    public int? BlueWeight { get; init; }

    /// <summary>Final groups: color → launch-template version and desired capacity.</summary>
    public Dictionary<string, GroupExpectation>? Groups { get; init; }

    /// <summary>
    /// Exact ordered list of notification events (the <c>event</c> field of each SNS message), across all executions;
    /// the alarms' own messages to the topic are not deployment notifications and are not listed (see <see cref="AlarmNotifications"/>).
    /// </summary>
    public List<string>? Notifications { get; init; }

    /// <summary>Exact ordered list of the alarms' messages to the topic, as <c>&lt;NewStateValue&gt; &lt;AlarmName&gt;</c> (for example <c>ALARM webapp-staging-green-rollback</c>).</summary>
    public List<string>? AlarmNotifications { get; init; }

    /// <summary>
    /// The new color's composite alarm state (<c>OK</c>, <c>ALARM</c>, <c>INSUFFICIENT_DATA</c>) when traffic first moved to it;
    /// the expectation fails when traffic never moved. Default: not checked.
    /// </summary>
    public string? CompositeAlarmAtFirstShift { get; init; }

    /// <summary>The lock is free at the end. Default: true.</summary>
    public bool LockReleased { get; init; } = true;

    /// <summary>Nothing was changed (weights, groups, launch templates): for rejected requests.</summary>
    public bool NothingChanged { get; init; }

    /// <summary>
    /// Outcome of the later Deploy and Rollback executions, in order (<c>Machine:SUCCEEDED</c>, <c>Machine:ABORTED</c> or
    /// <c>Machine:&lt;error&gt;</c>). Recovery executions are listed by <see cref="Recoveries"/>.
    /// </summary>
    public List<string>? Later { get; init; }

    /// <summary>
    /// What each Recovery execution did, in order: <c>NothingToRecover</c>, <c>Recovered:&lt;color&gt;</c> or the error it
    /// failed with. Default: not checked.
    /// </summary>
    public List<string>? Recoveries { get; init; }

    /// <summary>
    /// What each Unlock execution did, in order: <c>Released:&lt;holder status&gt;</c> (for example <c>Released:ABORTED</c>,
    /// <c>Released:DOES_NOT_EXIST</c>), <c>NotLocked</c>, or the error it failed with (<c>Deploy.LockHolderRunning</c>).
    /// Default: not checked.
    /// </summary>
    public List<string>? Unlocks { get; init; }
}

/// <summary>The expected state of one Auto Scaling group.</summary>
public sealed record GroupExpectation
{
    /// <summary>The numbered launch-template version the group is pinned to.</summary>
    public int? LaunchTemplateVersion { get; init; }

    /// <summary>The desired capacity.</summary>
    public int? Desired { get; init; }

    /// <summary>The launch-template version every instance of the group was launched from (and the group has instances).</summary>
    public int? InstancesLaunchTemplateVersion { get; init; }

    /// <summary>
    /// Launch parameters every instance of the group was launched with (and the group has instances): each member must equal the
    /// member of the version's data, for example <c>{ "InstanceType": "t3.large", "ImageId": "ami-…" }</c>.
    /// </summary>
    public JsonObject? InstancesLaunchTemplateData { get; init; }

    /// <summary>No UpdateAutoScalingGroup changed the group before the first traffic shift (or at all, when traffic never moved).</summary>
    public bool UntouchedBeforeShift { get; init; }
}
