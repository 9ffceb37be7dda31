using System.Text.Json.Nodes;
using Deploy.Contracts;
using Deploy.Contracts.Flows;

namespace Deploy.Rehearsal.Simulation;

/// <summary>Compares a rehearsed world with a scenario's <see cref="Expectation"/>.</summary>
public static class Expectations
{
    /// <summary>Every mismatch, as a sentence; empty when the outcome is as expected.</summary>
    public static IReadOnlyList<string> Check(Scenario scenario, SimulatedWorld world, SimulatedWorld.ExecutionRecord first)
    {
        var expect = scenario.Expect;
        var result = first.Result!;
        var mismatches = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                mismatches.Add(what);
            }
        }

        var status = result.StatusName;
        Expect(status == expect.Status, $"status {status} ({result.Error}: {result.Cause}), expected {expect.Status}");
        if (expect.Error is not null)
        {
            Expect(result.Error == expect.Error, $"error {result.Error ?? "none"} ({result.Cause}), expected {expect.Error}");
        }

        if (expect.CauseContains is not null)
        {
            Expect(result.Cause?.Contains(expect.CauseContains, StringComparison.Ordinal) == true, $"cause \"{result.Cause}\" does not contain \"{expect.CauseContains}\"");
        }

        if (expect.StoppedIn is { } stoppedIn)
        {
            var last = LastStateEntered(result);
            Expect(result.Stopped && last == stoppedIn, $"{status} in state {last ?? "none"}, expected stopped in {stoppedIn}");
        }

        if (expect.BlueWeight is { } blue)
        {
            // Expected as a percentage: weights are relative (TrafficShares), the flows write sums of 100.
            Expect(TrafficShares.Percent(world.Weights, "blue") == blue, $"final weights blue {world.Weights["blue"]} / green {world.Weights["green"]}, expected blue {blue}");
        }

        foreach (var (color, group) in expect.Groups ?? new())
        {
            var actual = world.Groups[color];
            if (group.LaunchTemplateVersion is { } version)
            {
                Expect(actual.LaunchTemplateVersion == version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{color} group pinned to launch-template version {actual.LaunchTemplateVersion}, expected {version}");
            }

            if (group.InstancesLaunchTemplateVersion is { } runs)
            {
                // Instances still terminating are leaving the group: they do not count.
                var versions = actual.Instances.Where(i => i.TerminatingAt is null).Select(i => i.LaunchTemplateVersion).Distinct().ToList();
                Expect(versions.Count == 1 && versions[0] == runs,
                    $"{color} group's instances run launch-template versions [{string.Join(", ", versions)}], expected every one on {runs}");
            }

            if (group.Desired is { } desired)
            {
                Expect(actual.Desired == desired, $"{color} group desired capacity {actual.Desired}, expected {desired}");
            }

            if (group.InstancesLaunchTemplateData is { } data)
            {
                var running = actual.Instances.Where(i => i.TerminatingAt is null).ToList();
                Expect(running.Count > 0, $"{color} group has no instances, expected them launched with {data.ToJsonString()}");
                foreach (var instance in running)
                {
                    var launched = world.LaunchTemplateData.GetValueOrDefault(instance.LaunchTemplateVersion);
                    var wrong = data.Where(p => !JsonNode.DeepEquals(launched?[p.Key], p.Value)).Select(p => $"{p.Key} {launched?[p.Key]?.ToJsonString() ?? "absent"}").ToList();
                    Expect(wrong.Count == 0, $"{color} instance {instance.Id} was launched from version {instance.LaunchTemplateVersion} with {string.Join(", ", wrong)}; expected {data.ToJsonString()}");
                }
            }

            if (group.UntouchedBeforeShift)
            {
                var before = world.FirstShift ?? DateTimeOffset.MaxValue;
                var touched = world.CallLog.Where(c => c.Api == "autoscaling:updateAutoScalingGroup" && c.Succeeded && c.At < before
                    && (string?)c.Parameters?["AutoScalingGroupName"] == actual.Name).Select(c => $"{c.State} at {c.At:HH:mm:ss}").ToList();
                Expect(touched.Count == 0, $"{color} group was updated before traffic moved: {string.Join(", ", touched)}");
            }
        }

        if (expect.Notifications is { } notifications)
        {
            var actual = world.DeploymentNotifications.Select(n => n.Event).ToList();
            Expect(actual.SequenceEqual(notifications), $"notifications [{string.Join(", ", actual)}], expected [{string.Join(", ", notifications)}]");
        }

        if (expect.AlarmNotifications is { } alarmNotifications)
        {
            var actual = world.Notifications.Where(SimulatedWorld.IsAlarmMessage)
                .Select(n => $"{n.Message["NewStateValue"]} {n.Message["AlarmName"]}").ToList();
            Expect(actual.SequenceEqual(alarmNotifications), $"alarm notifications [{string.Join(", ", actual)}], expected [{string.Join(", ", alarmNotifications)}]");
        }

        if (expect.CompositeAlarmAtFirstShift is { } alarmAtShift)
        {
            Expect(world.FirstShift is not null && world.FirstShiftCompositeAlarmState == alarmAtShift, world.FirstShift is { } shift
                ? $"the new color's composite alarm was {world.FirstShiftCompositeAlarmState ?? "absent"} when traffic first moved to it at {shift:HH:mm:ss}, expected {alarmAtShift}"
                : $"traffic never moved to the new color, expected it to move with its composite alarm {alarmAtShift}");
        }

        if (expect.LockReleased)
        {
            Expect(world.StateItem?[StateItem.Name(i => i.LockedBy)] is null, $"the lock is still held by {SimulatedTable.Plain(world.StateItem?[StateItem.Name(i => i.LockedBy)])}");
        }

        if (expect.NothingChanged)
        {
            Expect(!world.Changed, $"something changed: {world.WeightChanges.Count} weight changes, {world.LaunchTemplates.Count - 1} new launch-template versions, groups updated: {string.Join(", ", world.Groups.Where(g => g.Value.Updated).Select(g => g.Key))}");
        }

        if (expect.Later is { } later)
        {
            var actual = world.Executions.Where(e => e != first && e.Machine is "Deploy" or "Rollback")
                .Select(e => e.Result!.Succeeded || e.Result.Stopped ? $"{e.Machine}:{e.Result.StatusName}" : $"{e.Machine}:{e.Result.Error}").ToList();
            Expect(actual.SequenceEqual(later), $"later executions [{string.Join(", ", actual)}], expected [{string.Join(", ", later)}]");
        }

        if (expect.Recoveries is { } recoveries)
        {
            var actual = world.Executions.Where(e => e.Machine == "Recovery").Select(RecoveryOutcome).ToList();
            Expect(actual.SequenceEqual(recoveries), $"recoveries [{string.Join(", ", actual)}], expected [{string.Join(", ", recoveries)}]");
        }

        if (expect.Unlocks is { } unlocks)
        {
            var actual = world.Executions.Where(e => e.Machine == "Unlock").Select(UnlockOutcome).ToList();
            Expect(actual.SequenceEqual(unlocks), $"unlocks [{string.Join(", ", actual)}], expected [{string.Join(", ", unlocks)}]");
        }

        return mismatches;
    }

    /// <summary>The last state an execution entered (where a stopped execution was stopped), if any.</summary>
    public static string? LastStateEntered(ExecutionResult result) =>
        result.Events.LastOrDefault(e => e.Type == "StateEntered")?.State;

    /// <summary>What an Unlock execution did: <c>Released:&lt;holder status&gt;</c>, <c>NotLocked</c> or its error.</summary>
    public static string UnlockOutcome(SimulatedWorld.ExecutionRecord unlock)
    {
        var result = unlock.Result!;
        if (!result.Succeeded)
        {
            return result.Error ?? result.StatusName;
        }

        var output = UnlockResult.From(result.Output);
        return output?.Outcome == UnlockResult.Released ? $"{output.Outcome}:{output.HolderStatus}" : output?.Outcome ?? "?";
    }

    /// <summary>What a Recovery execution did: <c>NothingToRecover</c>, <c>Recovered:&lt;color&gt;</c> or its error.</summary>
    public static string RecoveryOutcome(SimulatedWorld.ExecutionRecord recovery)
    {
        var result = recovery.Result!;
        if (!result.Succeeded)
        {
            return result.Error ?? result.StatusName;
        }

        return StatePath.ReadString<RecoveryState>(result.Output, s => s.Recovery.LiveColor) is { } color ? $"Recovered:{color}" : "NothingToRecover";
    }
}
