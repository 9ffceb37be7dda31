using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;

using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// One SNS message per deployment event: a human subject and a JSON body
/// (<c>event</c>, application, environment, execution, time and the event's details).
/// </summary>
internal static class Notifications
{
    public static SnsPublish Publish(Construct scope, string id, FlowContext context, string eventName, string subject, string? detailsPath = null)
    {
        var message = new Dictionary<string, object>
        {
            ["event"] = eventName,
            ["application"] = context.ApplicationName,
            ["environment"] = context.EnvironmentName,
            ["execution.$"] = Deploy.Contracts.Flows.StatePath.Context(c => c.Execution.Id),
            ["time.$"] = Deploy.Contracts.Flows.StatePath.Context(c => c.State.EnteredTime),
        };
        if (detailsPath is not null)
        {
            message["details.$"] = detailsPath;
        }

        var task = new SnsPublish(scope, id, new SnsPublishProps
        {
            Topic = context.Topic,
            Subject = Subject(context, subject),
            Message = TaskInput.FromObject(message),
            ResultPath = JsonPath.DISCARD,
            TaskTimeout = Timeout.Duration(FlowTasks.TaskTimeout),
        });
        return FlowTasks.WithRetries(task, "sns");
    }

    /// <summary>A message subject: <c>[application/environment] text</c>, cut to the 100 characters SNS allows.</summary>
    public static string Subject(FlowContext context, string text)
    {
        var subject = $"[{context.ApplicationName}/{context.EnvironmentName}] {text}";
        return subject.Length <= 100 ? subject : subject[..100];
    }
}
