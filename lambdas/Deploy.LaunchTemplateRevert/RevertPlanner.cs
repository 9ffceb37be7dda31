using System.Globalization;
using Deploy.Contracts;
using Deploy.LaunchTemplateRevert.Internal;

namespace Deploy.LaunchTemplateRevert;

/// <summary>
/// Decides the exact revert to apply to an Auto Scaling group after a failed deployment, from the
/// group's description and the deployment record. Pure: the state machine makes the AWS calls.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The record needs a group name, a launch template id, a previous version that is a positive integer
/// (JSON string or number; never <c>$Latest</c>/<c>$Default</c>, 0 or negative) and a previous capacity with
/// 0 &lt;= min &lt;= desired &lt;= max. Otherwise: <see cref="DeployErrors.MalformedInput"/>.</item>
/// <item>The response must contain the recorded group, with its sizes. Otherwise: <see cref="DeployErrors.MalformedInput"/>
/// naming the group.</item>
/// <item>The group must still use the recorded launch template directly. A different template id, a mixed instances
/// policy or a launch configuration: <see cref="DeployErrors.RevertConflict"/> naming both, because reverting would
/// overwrite a change made outside the pipeline.</item>
/// <item>NothingToDo when the current version is the recorded number and min, max and desired all equal the recorded
/// capacity. A current <c>$Latest</c> or <c>$Default</c> never equals a numbered version, so it is reverted.</item>
/// <item>Otherwise Revert, with an <see href="https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html">UpdateAutoScalingGroup</see>
/// request that pins the recorded template id and numbered version and restores the recorded capacity.</item>
/// </list>
/// </remarks>
public static class RevertPlanner
{
    private const string InvalidSummary = "The LaunchTemplateRevert input is invalid";

    /// <summary>Decides the revert for <paramref name="input"/>.</summary>
    /// <param name="input">The group description and the deployment record.</param>
    /// <returns>Revert with the request, NothingToDo, or an error.</returns>
    public static LaunchTemplateRevertDecision Plan(LaunchTemplateRevertInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        var hasGroups = GroupReader.HasGroups(input.Group, errors);
        var recorded = RecordReader.Read(input.Record, errors);
        if (!hasGroups || recorded is null)
        {
            return Malformed(errors);
        }

        if (GroupReader.Find(input.Group!.AutoScalingGroups!, recorded.GroupName, errors) is not { } found)
        {
            return Malformed(errors);
        }

        var (group, current) = found;

        if (Conflict(group, recorded) is { } conflict)
        {
            return LaunchTemplateRevertDecision.ForError(new DeployError
            {
                Name = DeployErrors.RevertConflict,
                Cause = RevertReasons.Conflict(recorded.GroupName, conflict, recorded.LaunchTemplateId),
            });
        }

        var currentVersion = group.LaunchTemplate!.Version;
        var sameVersion = RecordReader.TryParseVersion(currentVersion, out var number) && number == recorded.Version;
        if (sameVersion && current == recorded.Capacity)
        {
            return new LaunchTemplateRevertDecision
            {
                Action = RevertAction.NothingToDo,
                Reason = RevertReasons.NothingToDo(recorded.GroupName, recorded.LaunchTemplateId, recorded.Version, current),
            };
        }

        return new LaunchTemplateRevertDecision
        {
            Action = RevertAction.Revert,
            Reason = RevertReasons.Revert(
                recorded.GroupName, recorded.LaunchTemplateId, currentVersion, current, recorded.Version, recorded.Capacity),
            Request = Request(recorded),
        };
    }

    /// <summary>What the group uses instead of the recorded launch template, or null when it uses that template.</summary>
    private static string? Conflict(AutoScalingGroup group, RecordedState recorded)
    {
        if (group.LaunchTemplate is { } template)
        {
            return string.Equals(template.LaunchTemplateId, recorded.LaunchTemplateId, StringComparison.Ordinal)
                ? null
                : $"launch template {template.LaunchTemplateId ?? template.LaunchTemplateName ?? "(unnamed)"}";
        }

        if (group.MixedInstancesPolicy is { } policy)
        {
            var spec = policy.LaunchTemplate?.LaunchTemplateSpecification;
            return $"a mixed instances policy (launch template {spec?.LaunchTemplateId ?? spec?.LaunchTemplateName ?? "(unnamed)"})";
        }

        return group.LaunchConfigurationName is { } configuration
            ? $"launch configuration \"{configuration}\""
            : "no launch template";
    }

    private static UpdateAutoScalingGroupRequest Request(RecordedState recorded) => new()
    {
        AutoScalingGroupName = recorded.GroupName,
        LaunchTemplate = new LaunchTemplateSpecification
        {
            LaunchTemplateId = recorded.LaunchTemplateId,
            Version = recorded.Version.ToString(CultureInfo.InvariantCulture),
        },
        MinSize = recorded.Capacity.MinSize,
        MaxSize = recorded.Capacity.MaxSize,
        DesiredCapacity = recorded.Capacity.DesiredCapacity,
    };

    private static LaunchTemplateRevertDecision Malformed(IReadOnlyList<FieldError> errors) =>
        LaunchTemplateRevertDecision.ForError(DeployError.ForFields(DeployErrors.MalformedInput, InvalidSummary, errors));
}
