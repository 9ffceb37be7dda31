using System.Collections.Concurrent;
using Deploy.Contracts;

namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>
/// The AWS API operation behind a Task state's <c>Resource</c>, as botocore names it, with the differences the
/// integration documents between its Parameters and the API's input.
/// </summary>
/// <param name="Integration">The integration as <see cref="ServiceErrors"/> names it (<c>aws-sdk:elasticloadbalancingv2</c>, <c>dynamodb</c>).</param>
/// <param name="Service">The botocore service (<c>elbv2</c>).</param>
/// <param name="Operation">The operation called (<c>ModifyRule</c>).</param>
/// <param name="Result">The operation whose output shape the task's result has; <see langword="null"/> when the result is not
/// an API response (<c>.waitForTaskToken</c>: it is what <c>SendTaskSuccess</c> sent).</param>
/// <param name="AwsSdk">Whether it is an AWS SDK integration (<c>arn:aws:states:::aws-sdk:…</c>) rather than an optimized one.</param>
/// <param name="AnyJsonInput">Top-level Parameters that take any JSON although the API takes a string.</param>
/// <param name="AnyJsonResult">Top-level result members that hold parsed JSON although the API returns a string.</param>
public sealed record TaskApi(
    string Integration,
    string Service,
    string Operation,
    string? Result,
    bool AwsSdk,
    IReadOnlySet<string> AnyJsonInput,
    IReadOnlySet<string> AnyJsonResult)
{
    private static readonly ConcurrentDictionary<string, TaskApi?> Cache = new(StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    // The rehearsal engine's own resources (RehearsalResources.Wait, RehearsalResources.Fail).
    private const string EngineResources = "arn:aws:states:::rehearsal:";

    // The service names of AWS SDK integrations that differ from botocore's
    // (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html lists
    // "elasticloadbalancingv2", "sfn", "eventbridge", "cloudwatchlogs"); moto's interpreter needs the same mapping.
    private static readonly Dictionary<string, string> BotocoreNames = new(StringComparer.Ordinal)
    {
        ["elasticloadbalancingv2"] = "elbv2",
        ["elasticloadbalancing"] = "elb",
        ["sfn"] = "stepfunctions",
        ["eventbridge"] = "events",
        ["cloudwatchlogs"] = "logs",
        // Optimized integration: arn:aws:states:::states:startExecution.
        ["states"] = "stepfunctions",
    };

    /// <summary>
    /// The API behind <paramref name="resource"/>, or <see langword="null"/> for a Lambda function ARN (the function's own
    /// contract, not an AWS API) and the rehearsal engine's own resources.
    /// </summary>
    /// <exception cref="NotSupportedException">The resource names an operation botocore does not know (Step Functions refuses such a
    /// state machine: <c>INVALID_RESOURCE</c>).</exception>
    public static TaskApi? For(string resource) => Cache.GetOrAdd(resource, Parse);

    private static TaskApi? Parse(string resource)
    {
        var at = resource.IndexOf(":::", StringComparison.Ordinal);
        if (at < 0 || resource.StartsWith(EngineResources, StringComparison.Ordinal))
        {
            return null;
        }

        var segments = resource[(at + 3)..].Split(':');
        var awsSdk = segments[0] == "aws-sdk";
        var name = awsSdk ? segments[1] : segments[0];
        var call = string.Join(':', segments.Skip(awsSdk ? 2 : 1));
        var dot = call.IndexOf('.', StringComparison.Ordinal);
        var action = dot < 0 ? call : call[..dot];
        var pattern = dot < 0 ? null : call[(dot + 1)..];
        var service = BotocoreNames.GetValueOrDefault(name, name);
        var operation = char.ToUpperInvariant(action[0]) + action[1..];
        if (!BotocoreModels.Service(service).HasOperation(operation))
        {
            throw new NotSupportedException($"{resource}: botocore's {service} API has no operation {operation}; Step Functions refuses such a resource (INVALID_RESOURCE).");
        }

        var integration = ServiceErrors.IntegrationOf(resource);
        var result = pattern == "waitForTaskToken" ? null : operation;
        var anyInput = None;
        var anyResult = None;
        switch (awsSdk ? null : $"{name}:{action}")
        {
            // "Input" is a JSON object in the documented examples (it may carry AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID),
            // and .sync waits for the child and returns its DescribeExecution, with Input and Output parsed as JSON for
            // .sync:2 (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html).
            case "states:startExecution":
                anyInput = new HashSet<string>(StringComparer.Ordinal) { "Input" };
                if (pattern is "sync" or "sync:2")
                {
                    result = "DescribeExecution";
                    anyResult = pattern == "sync:2" ? new HashSet<string>(StringComparer.Ordinal) { "Input", "Output" } : None;
                }

                break;
            // "Message" is a JSON object in the documented .waitForTaskToken example
            // (https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html).
            case "sns:publish":
                anyInput = new HashSet<string>(StringComparer.Ordinal) { "Message" };
                break;
            // "Payload" is any JSON, and so is the result's Payload
            // (https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html).
            case "lambda:invoke":
                anyInput = new HashSet<string>(StringComparer.Ordinal) { "Payload" };
                anyResult = anyInput;
                break;
        }

        return new TaskApi(integration, service, operation, result, awsSdk, anyInput, anyResult);
    }
}
