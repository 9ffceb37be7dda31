using System.Globalization;
using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>
/// The failure a Task meets when its request does not fit the API model, named and worded as Step Functions surfaces it.
/// </summary>
/// <remarks>
/// <para><b>Step Functions refuses</b> a field the API does not have and a value of the wrong type before it calls the
/// service: the task fails with <c>States.Runtime</c> (which no Retry or Catch handles) and the cause "The Parameters
/// '…' could not be used to start the Task: [The field "X" is not supported by Step Functions]" (documented wording:
/// "Passing parameters to a service API", https://docs.aws.amazon.com/step-functions/latest/dg/connect-parameters.html;
/// reported with this cause and error: aws/aws-step-functions-data-science-sdk-python#15) or "[The value of the field 'X'
/// has an invalid format]" (reported for a map given a string). AWS's cause also names the history event the state was
/// entered at ("(entered at the event id #8)"), which the rehearsal does not number, so it is left out. Static Parameters
/// are refused earlier, when the state machine is created (<see cref="ApiModelCheck.CheckDefinition"/>).</para>
/// <para><b>The service refuses</b> a missing required member, an enum value it does not have, a number out of range and a
/// length out of bounds, with its validation error "1 validation error detected: Value null at 'ruleArn' failed to satisfy
/// constraint: Member must not be null" (AWS's Coral wording; wire names in lowerCamel, list items as <c>.N.member</c>).
/// Its name: the operation's modeled validation error if the model lists one (CloudWatch PutMetricData's
/// <c>MissingRequiredParameterException</c> and <c>InvalidParameterValueException</c>, SNS Publish's
/// <c>InvalidParameterException</c> "a request parameter does not comply with the associated constraints", Step Functions
/// StartExecution's <c>ValidationException</c>); otherwise the service's generic exception (<see cref="ServiceErrors.Generic"/>):
/// ELBv2's and Auto Scaling's <c>ValidationError</c>, EC2's <c>MissingParameter</c> and <c>InvalidParameterValue</c> are not
/// modeled, and neither is DynamoDB's <c>ValidationException</c> (documented as a common error: DynamoDB developer guide,
/// "Error handling with DynamoDB"), so Step Functions names it <c>DynamoDB.AmazonDynamoDBException</c> with the code in the
/// cause (recorded against AWS: LocalStack's AWS-validated snapshot <c>test_task_service_dynamodb::test_invalid_param</c>,
/// PutItem without Item: "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not
/// be null (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; …)"). moto names it
/// <c>DynamoDB.ValidationException</c>; AWS does not.</para>
/// <para>Causes end as each SDK words them: AWS SDK integrations (SDK for Java 2) "(Service: Ec2, Status Code: 503, Request
/// ID: …)" (reported: CloudSnorkel/cdk-github-runners#192); optimized integrations "(Service: AmazonDynamoDBv2; Status Code:
/// 400; Error Code: ValidationException; Request ID: …; Proxy: null)" (emulated: moto's optimized DynamoDB and SNS
/// integrations).</para>
/// </remarks>
public static class ApiRefusal
{
    private static readonly string[] MissingCodes = ["MissingParameter", "InvalidParameter", "ValidationException", "ValidationError"];
    private static readonly string[] ValueCodes = ["InvalidParameterValue", "InvalidParameter", "ValidationException", "ValidationError"];

    private static readonly Dictionary<string, string> OptimizedServiceNames = new(StringComparer.Ordinal)
    {
        ["dynamodb"] = "AmazonDynamoDBv2",
        ["sns"] = "AmazonSNS",
        ["states"] = "AWSStepFunctions",
        ["lambda"] = "AWSLambda",
        ["events"] = "AmazonCloudWatchEvents",
    };

    /// <summary>The failure of <paramref name="call"/> to <paramref name="api"/> with <paramref name="violations"/> (not empty).</summary>
    public static TaskOutcome For(TaskCall call, TaskApi api, IReadOnlyList<ShapeViolation> violations)
    {
        ArgumentOutOfRangeException.ThrowIfZero(violations.Count);
        var refusedBySfn = violations.Where(v => v.Kind is ViolationKind.UnknownMember or ViolationKind.WrongType).ToList();
        if (refusedBySfn.Count > 0)
        {
            var reasons = refusedBySfn.Select(v => v.Kind == ViolationKind.UnknownMember
                ? $"The field \"{v.Field}\" is not supported by Step Functions"
                : $"The value of the field '{v.Field}' has an invalid format");
            return TaskOutcome.Failure(ServiceErrors.Runtime,
                $"An error occurred while executing the state '{call.StateName}'. The Parameters '{call.Input?.ToJsonString() ?? "null"}' "
                + $"could not be used to start the Task: [{string.Join(", ", reasons)}]");
        }

        var (error, code) = ErrorOf(api, violations);
        var count = violations.Count;
        var message = $"{count} validation error{(count == 1 ? string.Empty : "s")} detected: "
            + string.Join("; ", violations.Select(v => $"Value {(v.Value is null ? "null" : $"'{v.Value}'")} at '{v.WirePath}' failed to satisfy constraint: {v.Constraint}"));
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{call.TaskId:x8}-0000-4000-8000-{call.RunId:x12}");
        var details = api.AwsSdk
            ? $"(Service: {ServiceErrors.Prefix(api.Integration)}, Status Code: 400, Request ID: {requestId})"
            : $"(Service: {OptimizedServiceNames.GetValueOrDefault(api.Integration, api.Integration)}; Status Code: 400; Error Code: {code}; Request ID: {requestId}; Proxy: null)";
        return TaskOutcome.Failure(error, $"{message} {details}");
    }

    private static (string Error, string Code) ErrorOf(TaskApi api, IReadOnlyList<ShapeViolation> violations)
    {
        var operation = BotocoreModels.Service(api.Service).Operation(api.Operation);
        var codes = violations.All(v => v.Kind == ViolationKind.MissingRequired) ? MissingCodes : ValueCodes;
        foreach (var code in codes)
        {
            if (operation.Errors.FirstOrDefault(e => e.Code == code) is { Shape: not null } modeled)
            {
                return (ServiceErrors.Modeled(api.Integration, modeled.Shape), code);
            }
        }

        return (ServiceErrors.Generic(api.Integration), api.Integration == "dynamodb" ? "ValidationException" : "ValidationError");
    }
}
