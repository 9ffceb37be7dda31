using System.Globalization;

namespace Deploy.Rehearsal.Simulation;

/// <summary>
/// Instances over time: Auto Scaling launches and terminates them, the target group registers, health-checks and drains
/// them. Every state is computed from the instance's timestamps and the clock, so nothing has to be scheduled.
/// </summary>
/// <remarks>
/// <para>Auto Scaling (EC2 Auto Scaling user guide, "Amazon EC2 Auto Scaling instance lifecycle", "Control which Auto Scaling
/// instances terminate during scale in", and launch templates):</para>
/// <list type="bullet">
/// <item>A group launches only when its desired capacity exceeds its instances that are not terminating, and terminates only
/// when it is below them. Changing the group's launch template version touches no running instance: only instances launched
/// afterwards use it (the Deploy flow scales the idle group in to zero first for that reason).</item>
/// <item>A launched instance is <c>Pending</c> for its boot time (<see cref="InstanceBehaviour.BootSeconds"/>), then
/// <c>InService</c>; Auto Scaling registers it with the target group as it marks it <c>InService</c> ("registers your
/// instance with the load balancer before it marks the instance as InService"). New instances go to the Availability Zone
/// with the fewest instances (the group spans us-east-1a and us-east-1b).</item>
/// <item>Scale-in follows the default termination policy: among the instances not yet terminating, those of the Availability
/// Zone with the most instances; then (one launch template, so the "oldest launch template" step never separates them) the
/// instance closest to its next billing hour; the documented random choice among ties is replaced by the lowest instance id,
/// so rehearsals repeat.</item>
/// <item>A terminating instance is <c>Terminating</c>: Auto Scaling deregisters it first ("existing connections ... continue
/// until the deregistration delay expires"), so its target is <c>draining</c> (<c>Target.DeregistrationInProgress</c>) for the
/// target group's <c>deregistration_delay.timeout_seconds</c>, then no longer registered; the instance then shuts down
/// (<see cref="ShutdownTime"/>, assumed: EC2 documents no figure) and leaves the group.</item>
/// <item>Not simulated: Auto Scaling replacing an instance that fails ELB health checks after its grace period, lifecycle hooks,
/// scale-in protection.</item>
/// </list>
/// <para>Target health (ALB guide, "Health checks for Application Load Balancer target groups"; ELBv2 API reference,
/// TargetHealth): a registered target is <c>initial</c> until it passed HealthyThresholdCount checks in a row
/// (<c>healthy</c>) or failed UnhealthyThresholdCount in a row (<c>unhealthy</c>); an unhealthy target turns healthy after
/// HealthyThresholdCount passes in a row. Checks run every HealthCheckIntervalSeconds from registration (the first one interval
/// after it); a check passes once the application is up (<see cref="InstanceBehaviour.HealthyAfterSeconds"/> after boot), never
/// for <see cref="InstanceBehaviour.Never"/>. So an instance whose application is up at boot is healthy
/// HealthyThresholdCount × HealthCheckIntervalSeconds after it went <c>InService</c>. The figures are the synthesized target
/// group's (<see cref="RehearsalStack.TargetGroupHealth"/>). Instances running before the scenario are healthy; a timeline's
/// <see cref="TimelineEvent.TargetsUnhealthy"/> makes every registered target of the color unhealthy at once. Pending instances
/// are not registered: DescribeTargetHealth (no Targets given) lists registered and draining targets only.</para>
/// </remarks>
public sealed partial class SimulatedWorld
{
    /// <summary>How long an instance takes from the end of its deregistration delay until it has left the group (assumed).</summary>
    public static readonly TimeSpan ShutdownTime = TimeSpan.FromSeconds(60);

    private static readonly string[] AvailabilityZones = ["us-east-1a", "us-east-1b"];

    /// <summary>The lifecycle of one instance (see SimulatedWorld.Lifecycle.cs).</summary>
    public sealed partial record Instance
    {
        /// <summary>Where it runs.</summary>
        public string AvailabilityZone { get; init; } = AvailabilityZones[0];

        /// <summary>When it turns <c>InService</c> and is registered with the target group.</summary>
        public DateTimeOffset InServiceAt { get; init; }

        /// <summary>Whether it ran before the scenario started (in service and healthy long since).</summary>
        public bool PreExisting { get; init; }

        /// <summary>When Auto Scaling chose it for termination (it turned <c>Terminating</c>); <see langword="null"/> while it is not.</summary>
        public DateTimeOffset? TerminatingAt { get; internal set; }

        /// <summary>When its deregistration delay ends (its target stops draining).</summary>
        public DateTimeOffset? DrainedAt { get; internal set; }

        /// <summary>When it has left the group.</summary>
        public DateTimeOffset? GoneAt { get; internal set; }
    }

    /// <summary>The instance's <c>LifecycleState</c> now: <c>Pending</c>, <c>InService</c> or <c>Terminating</c>.</summary>
    public string LifecycleStateOf(Instance instance) =>
        instance.TerminatingAt is { } terminating && terminating <= Clock.UtcNow ? "Terminating"
        : Clock.UtcNow < instance.InServiceAt ? "Pending"
        : "InService";

    /// <summary>The group's instances that are <c>InService</c> now (not pending, not terminating).</summary>
    public IReadOnlyList<Instance> InServiceInstances(string color) =>
        Groups[color].Instances.Where(i => LifecycleStateOf(i) == "InService").ToList();

    /// <summary>The targets registered with the color's target group now: in-service instances, and terminating ones still draining.</summary>
    private IEnumerable<Instance> RegisteredTargets(string color) =>
        Groups[color].Instances.Where(i => Clock.UtcNow >= i.InServiceAt && (i.DrainedAt is not { } drained || Clock.UtcNow < drained));

    /// <summary>What DescribeTargetHealth of the color's target group lists now: each registered or draining target and its state.</summary>
    public IReadOnlyList<(Instance Instance, string State)> TargetHealthOf(string color) =>
        RegisteredTargets(color).Select(i => (i, TargetState(color, i).State)).ToList();

    /// <summary>Sets a group's size: launches instances running the group's current version, or terminates per the default policy.</summary>
    private void Scale(Group group, int min, int desired, DateTimeOffset? launchedAt = null)
    {
        group.Min = min;
        group.Desired = desired;
        PruneTerminated();
        var color = Groups.First(g => g.Value == group).Key;
        var version = int.Parse(group.LaunchTemplateVersion, CultureInfo.InvariantCulture);
        var active = group.Instances.Where(i => i.TerminatingAt is null).ToList();
        for (var n = active.Count; n < desired; n++)
        {
            var at = launchedAt ?? Clock.UtcNow;
            var zone = AvailabilityZones.MinBy(z => group.Instances.Count(i => i.TerminatingAt is null && i.AvailabilityZone == z))!;
            var instance = new Instance($"i-{++_instanceCounter:x17}", version, at)
            {
                AvailabilityZone = zone,
                InServiceAt = at.AddSeconds(BehaviourOf(version).BootSeconds),
                PreExisting = launchedAt is not null,
            };
            group.Instances.Add(instance);
            active.Add(instance);
        }

        var delay = TimeSpan.FromSeconds(_stack.TargetGroupHealth[color].DeregistrationDelaySeconds);
        for (var n = active.Count; n > desired; n--)
        {
            var victim = NextToTerminate(active);
            active.Remove(victim);
            victim.TerminatingAt = Clock.UtcNow;
            // A target that was never registered has nothing to drain.
            victim.DrainedAt = Clock.UtcNow >= victim.InServiceAt ? Clock.UtcNow + delay : Clock.UtcNow;
            victim.GoneAt = victim.DrainedAt + ShutdownTime;
        }

        RecordMetrics();
    }

    /// <summary>The default termination policy over <paramref name="candidates"/> (see the remarks of this file).</summary>
    private Instance NextToTerminate(IReadOnlyList<Instance> candidates)
    {
        var busiest = candidates.GroupBy(i => i.AvailabilityZone).Max(g => g.Count());
        var zones = candidates.GroupBy(i => i.AvailabilityZone).Where(g => g.Count() == busiest).Select(g => g.Key).ToHashSet();
        return candidates
            .Where(i => zones.Contains(i.AvailabilityZone))
            .OrderByDescending(i => (Clock.UtcNow - i.LaunchedAt).TotalSeconds % 3600)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>Removes the instances that have finished terminating.</summary>
    private void PruneTerminated()
    {
        foreach (var group in Groups.Values)
        {
            group.Instances.RemoveAll(i => i.GoneAt is { } gone && gone <= Clock.UtcNow);
        }
    }

    private InstanceBehaviour BehaviourOf(int launchTemplateVersion) =>
        _scenario.Health.GetValueOrDefault(LaunchTemplates.GetValueOrDefault(launchTemplateVersion, "new")) ?? new InstanceBehaviour();

    /// <summary>The target group's view of a registered instance now (see the remarks of this file).</summary>
    private (string State, string? Reason) TargetState(string color, Instance instance)
    {
        var now = Clock.UtcNow;
        if (now < instance.InServiceAt || instance.DrainedAt is { } drained && now >= drained)
        {
            return ("unused", "Target.NotRegistered");
        }

        if (instance.TerminatingAt is { } terminating && now >= terminating)
        {
            return ("draining", "Target.DeregistrationInProgress");
        }

        if (Signals[color].TargetsUnhealthy)
        {
            return ("unhealthy", "Target.ResponseCodeMismatch");
        }

        if (instance.PreExisting)
        {
            return ("healthy", null);
        }

        var settings = _stack.TargetGroupHealth[color];
        var interval = settings.IntervalSeconds;
        var behaviour = BehaviourOf(instance.LaunchTemplateVersion);
        var checks = (int)Math.Floor((now - instance.InServiceAt).TotalSeconds / interval);
        var failing = behaviour.Never && (now - instance.InServiceAt).TotalSeconds >= behaviour.UnhealthyAfterSeconds
            ? "Target.ResponseCodeMismatch"
            : "Target.Timeout";
        if (behaviour.Never)
        {
            return checks >= settings.UnhealthyThresholdCount ? ("unhealthy", failing) : ("initial", "Elb.InitialHealthChecking");
        }

        // Check k (k >= 1) runs k intervals after registration; the first passing one is the first at or after the app is up.
        var firstPass = Math.Max(1, (int)Math.Ceiling(behaviour.HealthyAfterSeconds / interval));
        var healthyAt = firstPass + settings.HealthyThresholdCount - 1;
        if (checks >= healthyAt)
        {
            return ("healthy", null);
        }

        var failedFirst = firstPass - 1 >= settings.UnhealthyThresholdCount;
        return failedFirst && checks >= settings.UnhealthyThresholdCount
            ? ("unhealthy", failing)
            : ("initial", "Elb.InitialHealthChecking");
    }
}
