using System.Linq.Expressions;
using Amazon.CDK.AWS.StepFunctions;
using Amazon.CDK.AWS.StepFunctions.Tasks;
using Constructs;
using Deploy.Contracts.Flows;

using Timeout = Amazon.CDK.AWS.StepFunctions.Timeout;

namespace Deploy.Constructs.Internal;

/// <summary>
/// One SNS message per deployment event: a human subject and a JSON body (<see cref="NotificationMessage"/>: the event,
/// application, environment, execution, time and the event's details).
/// </summary>
internal static class Notifications
{
    public static SnsPublish Publish(Construct scope, string id, FlowContext context, string eventName, string subject, string? detailsPath = null)
    {
        var message = Body(context, eventName);
        message[Field(m => m.Time) + ".$"] = StatePath.Context(c => c.State.EnteredTime);
        if (detailsPath is not null)
        {
            message[Field(m => m.Details) + ".$"] = detailsPath;
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

    /// <summary>The members every message starts with: the event, the application, the environment and the execution.</summary>
    public static Dictionary<string, object> Body(FlowContext context, string eventName) => new()
    {
        [Field(m => m.Event)] = eventName,
        [Field(m => m.Application)] = context.ApplicationName,
        [Field(m => m.Environment)] = context.EnvironmentName,
        [Field(m => m.Execution) + ".$"] = StatePath.Context(c => c.Execution.Id),
    };

    /// <summary>A member's name in the message (<see cref="NotificationMessage"/>).</summary>
    public static string Field(Expression<Func<NotificationMessage, object?>> member) => StatePath.Name(member);

    /// <summary>A message subject: <c>[application/environment] text</c>, cut to the 100 characters SNS allows.</summary>
    public static string Subject(FlowContext context, string text)
    {
        var subject = $"[{context.ApplicationName}/{context.EnvironmentName}] {text}";
        return subject.Length <= 100 ? subject : subject[..100];
    }
}
