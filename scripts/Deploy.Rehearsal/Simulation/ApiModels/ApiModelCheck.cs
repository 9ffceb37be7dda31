using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deploy.Rehearsal.Simulation.ApiModels;

/// <summary>
/// Holds the simulated world to the AWS API models in botocore: a state machine with a static Parameter the API does not
/// have is refused at load (as CreateStateMachine refuses it), every Task request is validated before the world answers it
/// (and refused as AWS refuses it, <see cref="ApiRefusal"/>), and every successful answer the world builds must fit the
/// operation's output shape (a mismatch is a bug in the world).
/// </summary>
public static class ApiModelCheck
{
    /// <summary>
    /// The refusal AWS answers <paramref name="call"/> with when its Parameters do not fit the operation's input shape;
    /// <see langword="null"/> when they fit, or when the resource is not an AWS API call (a Lambda function ARN, a Wait).
    /// </summary>
    public static TaskOutcome? Refusal(TaskCall call)
    {
        if (TaskApi.For(call.Resource) is not { } api)
        {
            return null;
        }

        var model = BotocoreModels.Service(api.Service);
        var input = model.Operation(api.Operation).Input;
        if (input is null)
        {
            return null;
        }

        var violations = new ShapeValidator(model, ShapeDirection.Request, api.AwsSdk, api.AnyJsonInput).Validate(input, call.Input ?? new JsonObject());
        return violations.Count == 0 ? null : ApiRefusal.For(call, api, violations);
    }

    /// <summary>Checks that the successful result the world built for <paramref name="call"/> fits the API's output shape.</summary>
    /// <exception cref="InvalidOperationException">It does not: the world answers what AWS never answers.</exception>
    public static void CheckResult(TaskCall call, TaskOutcome outcome)
    {
        if (!outcome.Succeeded || TaskApi.For(call.Resource) is not { Result: { } operation } api)
        {
            return;
        }

        var model = BotocoreModels.Service(api.Service);
        var output = model.Operation(operation).Output;
        var violations = output is null
            ? outcome.Output is JsonObject { Count: 0 } or null ? [] : [new ShapeViolation(ViolationKind.UnknownMember, string.Empty, string.Empty, string.Empty, outcome.Output.ToJsonString(), "The operation returns nothing")]
            : new ShapeValidator(model, ShapeDirection.Response, api.AwsSdk, api.AnyJsonResult).Validate(output, outcome.Output);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException(
                $"The simulated {api.Service} {operation} result of state '{call.StateName}' does not fit the AWS API model "
                + $"(botocore {api.Service} {model.ApiVersion}), so AWS would never answer it: {string.Join("; ", violations)}. Result: {outcome.Output?.ToJsonString()}");
        }
    }

    /// <summary>
    /// The static Parameters of <paramref name="definition"/>'s Task states that name a field their API does not have,
    /// worded as CreateStateMachine refuses them: <c>SCHEMA_VALIDATION_FAILED: The field "RuleARN" is not supported by Step
    /// Functions at /States/ShiftTrafficToGreen/Parameters</c> (reported: aws/aws-step-functions-data-science-sdk-python#200,
    /// aws/aws-cdk#10014; documented: "If you don't use the plural form, Step Functions returns the following error: The field
    /// Filter is not supported by Step Functions", https://docs.aws.amazon.com/step-functions/latest/dg/connect-parameters.html).
    /// A <c>.$</c> field's name is checked too; its value, known only at run time, is checked by <see cref="Refusal"/>.
    /// </summary>
    public static IReadOnlyList<string> CheckDefinition(JsonObject definition)
    {
        var findings = new List<string>();
        if (definition["States"] is JsonObject states)
        {
            CheckStates(states, "/States", findings);
        }

        return findings;
    }

    /// <summary>Refuses a definition as CreateStateMachine would (<see cref="CheckDefinition"/>).</summary>
    /// <exception cref="RehearsalException">The definition has a static Parameter its API does not have.</exception>
    public static void ThrowIfInvalid(string machine, JsonObject definition)
    {
        var findings = CheckDefinition(definition);
        if (findings.Count > 0)
        {
            throw new RehearsalException($"Invalid State Machine Definition of {machine} (CreateStateMachine would refuse it): {string.Join("; ", findings)}");
        }
    }

    private static void CheckStates(JsonObject states, string pointer, List<string> findings)
    {
        foreach (var (name, node) in states)
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            var at = $"{pointer}/{name}";
            if (state["Type"]?.GetValue<string>() == "Task" && state["Resource"] is JsonValue resource
                && resource.GetValueKind() == JsonValueKind.String && state["Parameters"] is JsonObject parameters
                && TaskApi.For(resource.GetValue<string>()) is { } api
                && BotocoreModels.Service(api.Service).Operation(api.Operation).Input is { } input)
            {
                var model = BotocoreModels.Service(api.Service);
                StaticStructure(model, api, model.Shape(input), parameters, top: true, $"{at}/Parameters", findings);
            }

            if (state["Branches"] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    if (branches[i]?["States"] is JsonObject branch)
                    {
                        CheckStates(branch, $"{at}/Branches/{i}/States", findings);
                    }
                }
            }

            foreach (var processor in new[] { "Iterator", "ItemProcessor" })
            {
                if (state[processor]?["States"] is JsonObject inner)
                {
                    CheckStates(inner, $"{at}/{processor}/States", findings);
                }
            }
        }
    }

    private static void StaticStructure(ServiceModel model, TaskApi api, JsonElement shape, JsonObject value, bool top, string pointer, List<string> findings)
    {
        foreach (var (key, child) in value)
        {
            var dynamic = key.EndsWith(".$", StringComparison.Ordinal);
            var name = dynamic ? key[..^2] : key;
            if (!ShapeValidator.TryMember(shape, name, api.AwsSdk, out _, out var memberShape))
            {
                findings.Add($"SCHEMA_VALIDATION_FAILED: The field \"{name}\" is not supported by Step Functions at {pointer}");
                continue;
            }

            if (!dynamic && !(top && api.AnyJsonInput.Contains(name)))
            {
                StaticValue(model, api, model.Shape(memberShape), child, pointer, findings);
            }
        }
    }

    private static void StaticValue(ServiceModel model, TaskApi api, JsonElement shape, JsonNode? value, string pointer, List<string> findings)
    {
        switch (shape.GetProperty("type").GetString())
        {
            case "structure" when value is JsonObject structure:
                StaticStructure(model, api, shape, structure, top: false, pointer, findings);
                break;
            case "list" when value is JsonArray list:
                var item = model.Shape(shape.GetProperty("member").GetProperty("shape").GetString()!);
                foreach (var element in list)
                {
                    StaticValue(model, api, item, element, pointer, findings);
                }

                break;
            case "map" when value is JsonObject map:
                var entry = model.Shape(shape.GetProperty("value").GetProperty("shape").GetString()!);
                foreach (var (_, element) in map)
                {
                    StaticValue(model, api, entry, element, pointer, findings);
                }

                break;
        }
    }
}
