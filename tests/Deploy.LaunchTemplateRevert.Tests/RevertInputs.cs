using System.Text.Json;
using Deploy.Contracts;

namespace Deploy.LaunchTemplateRevert.Tests;

/// <summary>Builds LaunchTemplateRevert inputs as JSON written with single quotes.</summary>
internal static class RevertInputs
{
    public const string Template7 = "'LaunchTemplate':{'LaunchTemplateId':'lt-0123','LaunchTemplateName':'web','Version':'7'}";
    public const string Record5 =
        "{'groupName':'web-blue','launchTemplateId':'lt-0123','previousLaunchTemplateVersion':'5','previousCapacity':{'minSize':0,'maxSize':4,'desiredCapacity':0}}";

    /// <summary>A one-group DescribeAutoScalingGroups response.</summary>
    public static string Group(string launch = Template7, int min = 2, int max = 4, int desired = 2, string name = "web-blue") =>
        $"{{'AutoScalingGroups':[{{'AutoScalingGroupName':'{name}',{launch},'MinSize':{min},'MaxSize':{max},'DesiredCapacity':{desired},"
        + "'HealthCheckType':'ELB','Instances':[]}]}";

    public static string Template(string version) =>
        $"'LaunchTemplate':{{'LaunchTemplateId':'lt-0123','LaunchTemplateName':'web','Version':'{version}'}}";

    public static string Record(string version = "'5'", int min = 0, int max = 4, int desired = 0) =>
        $"{{'groupName':'web-blue','launchTemplateId':'lt-0123','previousLaunchTemplateVersion':{version},"
        + $"'previousCapacity':{{'minSize':{min},'maxSize':{max},'desiredCapacity':{desired}}}}}";

    public static string Payload(string? group, string? record)
    {
        var parts = new List<string>();
        if (group is not null)
        {
            parts.Add($"'group':{group}");
        }

        if (record is not null)
        {
            parts.Add($"'record':{record}");
        }

        return Quote($"{{{string.Join(",", parts)}}}");
    }

    public static LaunchTemplateRevertInput Input(string? group, string? record) =>
        JsonSerializer.Deserialize(Payload(group, record), DeployJsonContext.Default.LaunchTemplateRevertInput)!;

    public static string Quote(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
