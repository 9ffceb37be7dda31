using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Rehearsal;

namespace Deploy.LocalEngine;

/// <summary>
/// The Step Functions actions the endpoint serves, on lowerCamelCase JSON members. Every failure is an
/// <see cref="ApiException"/> with a Step Functions error code.
/// </summary>
internal sealed class StepFunctionsApi(IReadOnlyList<EnvironmentHost> hosts, TimeSpan syncTimeout, DateTimeOffset created)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    private readonly Dictionary<string, MachineInfo> _machines =
        hosts.SelectMany(h => h.Machines).ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The actions, as named after <c>AWSStepFunctions.</c> in X-Amz-Target.</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        "StartExecution", "StartSyncExecution", "DescribeExecution", "ListExecutions", "GetExecutionHistory",
        "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat", "StopExecution", "ListStateMachines",
        "DescribeStateMachine", "DescribeStateMachineForExecution", "ListTagsForResource",
    ];

    public JsonObject Invoke(string action, JsonObject request) => action switch
    {
        "StartExecution" => StartExecution(request),
        "StartSyncExecution" => StartSyncExecution(request),
        "DescribeExecution" => DescribeExecution(request),
        "ListExecutions" => ListExecutions(request),
        "GetExecutionHistory" => GetExecutionHistory(request),
        "SendTaskSuccess" => SendTaskSuccess(request),
        "SendTaskFailure" => SendTaskFailure(request),
        "SendTaskHeartbeat" => SendTaskHeartbeat(request),
        "StopExecution" => StopExecution(request),
        "ListStateMachines" => ListStateMachines(request),
        "DescribeStateMachine" => DescribeStateMachine(request),
        "DescribeStateMachineForExecution" => DescribeStateMachineForExecution(request),
        "ListTagsForResource" => ListTagsForResource(request),
        _ => throw new ApiException("UnknownOperationException", $"Unknown operation '{action}'; the local engine serves {string.Join(", ", Actions)}."),
    };

    private JsonObject StartExecution(JsonObject request)
    {
        var machine = Machine(request, "stateMachineArn");
        var (name, inputText, input) = ExecutionInput(request);
        var execution = machine.Host.Start(machine, name, inputText, input);
        return machine.Host.Read(() => new JsonObject
        {
            ["executionArn"] = execution.Arn,
            ["startDate"] = Wire.Epoch(execution.Shown(execution.StartDate)),
        });
    }

    private JsonObject StartSyncExecution(JsonObject request)
    {
        var machine = Machine(request, "stateMachineArn");
        if (machine.Type != "EXPRESS")
        {
            throw new ApiException("StateMachineTypeNotSupported", $"StartSyncExecution is only for EXPRESS state machines; {machine.Name} is {machine.Type}.");
        }

        var (name, inputText, input) = ExecutionInput(request);
        return machine.Host.RunSync(machine, name, inputText, input, syncTimeout);
    }

    private JsonObject DescribeExecution(JsonObject request)
    {
        var execution = Execution(request, "executionArn");
        return execution.Machine.Host.Read(() =>
        {
            var response = new JsonObject
            {
                ["executionArn"] = execution.Arn,
                ["stateMachineArn"] = execution.Machine.Arn,
                ["name"] = execution.Name,
                ["status"] = execution.Status,
                ["startDate"] = Wire.Epoch(execution.Shown(execution.StartDate)),
            };
            if (execution.Shown(execution.StopDate) is { } stop)
            {
                response["stopDate"] = Wire.Epoch(stop);
            }

            response["input"] = execution.InputText;
            response["inputDetails"] = new JsonObject { ["included"] = true };
            if (execution.OutputText is { } output)
            {
                response["output"] = output;
                response["outputDetails"] = new JsonObject { ["included"] = true };
            }

            if (execution.Error is { } error)
            {
                response["error"] = error;
            }

            if (execution.Cause is { } cause)
            {
                response["cause"] = cause;
            }

            response["redriveCount"] = 0;
            response["redriveStatus"] = "NOT_REDRIVABLE";
            return response;
        });
    }

    private JsonObject ListExecutions(JsonObject request)
    {
        var machine = Machine(request, "stateMachineArn");
        if (machine.Type == "EXPRESS")
        {
            throw new ApiException("StateMachineTypeNotSupported", $"ListExecutions does not list the executions of EXPRESS state machines such as {machine.Name}.");
        }

        var status = OptionalString(request, "statusFilter");
        if (status is not null and not ("RUNNING" or "SUCCEEDED" or "FAILED" or "TIMED_OUT" or "ABORTED" or "PENDING_REDRIVE"))
        {
            throw new ApiException("ValidationException", $"1 validation error detected: Value '{status}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]");
        }

        var all = machine.Host.Read(() => machine.Host.Executions(machine)
            .Where(e => status is null || e.Status == status)
            .Select(e =>
            {
                var item = new JsonObject
                {
                    ["executionArn"] = e.Arn,
                    ["stateMachineArn"] = machine.Arn,
                    ["name"] = e.Name,
                    ["status"] = e.Status,
                    ["startDate"] = Wire.Epoch(e.Shown(e.StartDate)),
                };
                if (e.Shown(e.StopDate) is { } stop)
                {
                    item["stopDate"] = Wire.Epoch(stop);
                }

                return (JsonNode)item;
            })
            .ToList());
        return Page(request, all, "executions", $"executions:{machine.Arn}:{status}");
    }

    private JsonObject GetExecutionHistory(JsonObject request)
    {
        var execution = Execution(request, "executionArn");
        var includeData = OptionalBool(request, "includeExecutionData") ?? true;
        var events = execution.Machine.Host.Read(() => HistoryBuilder.Build(execution, includeData));
        if (OptionalBool(request, "reverseOrder") == true)
        {
            events.Reverse();
        }

        return Page(request, events.Cast<JsonNode>().ToList(), "events", $"history:{execution.Arn}");
    }

    private JsonObject SendTaskSuccess(JsonObject request)
    {
        var token = Token(request);
        var outputText = RequiredString(request, "output");
        JsonNode? output;
        try
        {
            output = JsonNode.Parse(outputText);
        }
        catch (JsonException e)
        {
            throw new ApiException("InvalidOutput", $"Invalid output: {e.Message}");
        }

        Answer(token, TaskOutcome.Success(output));
        return new JsonObject();
    }

    private JsonObject SendTaskFailure(JsonObject request)
    {
        var token = Token(request);
        var error = OptionalString(request, "error");
        var cause = OptionalString(request, "cause");
        Answer(token, TaskOutcome.Failure(string.IsNullOrEmpty(error) ? "States.TaskFailed" : error, cause ?? string.Empty));
        return new JsonObject();
    }

    private JsonObject SendTaskHeartbeat(JsonObject request)
    {
        var token = Token(request);
        return hosts.Any(h => h.HasTask(token))
            ? new JsonObject()
            : throw new ApiException("TaskDoesNotExist", "Task Does Not Exist: no task waits for this token.");
    }

    private JsonObject StopExecution(JsonObject request)
    {
        var execution = Execution(request, "executionArn");
        var stopDate = execution.Machine.Host.Stop(execution, OptionalString(request, "error"), OptionalString(request, "cause"));
        return new JsonObject { ["stopDate"] = Wire.Epoch(stopDate) };
    }

    private JsonObject ListStateMachines(JsonObject request)
    {
        var all = _machines.Values
            .Select(m => (JsonNode)new JsonObject
            {
                ["stateMachineArn"] = m.Arn,
                ["name"] = m.Name,
                ["type"] = m.Type,
                ["creationDate"] = Wire.Epoch(created),
            })
            .ToList();
        return Page(request, all, "stateMachines", "stateMachines");
    }

    private JsonObject DescribeStateMachine(JsonObject request)
    {
        var machine = Machine(request, "stateMachineArn");
        return new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = machine.Name,
            ["status"] = "ACTIVE",
            ["definition"] = machine.DefinitionText,
            ["roleArn"] = Arns.Role(machine.Name),
            ["type"] = machine.Type,
            ["creationDate"] = Wire.Epoch(created),
            ["loggingConfiguration"] = new JsonObject { ["level"] = "OFF", ["includeExecutionData"] = false },
            ["tracingConfiguration"] = new JsonObject { ["enabled"] = false },
        };
    }

    private JsonObject DescribeStateMachineForExecution(JsonObject request)
    {
        var machine = Execution(request, "executionArn").Machine;
        return new JsonObject
        {
            ["stateMachineArn"] = machine.Arn,
            ["name"] = machine.Name,
            ["definition"] = machine.DefinitionText,
            ["roleArn"] = Arns.Role(machine.Name),
            ["updateDate"] = Wire.Epoch(created),
            ["loggingConfiguration"] = new JsonObject { ["level"] = "OFF", ["includeExecutionData"] = false },
            ["tracingConfiguration"] = new JsonObject { ["enabled"] = false },
        };
    }

    private JsonObject ListTagsForResource(JsonObject request)
    {
        var arn = RequiredString(request, "resourceArn");
        var parsed = Arns.Parse(arn);
        if (parsed is not { Type: "stateMachine", Parts.Length: 1 })
        {
            throw parsed is null
                ? new ApiException("InvalidArn", $"Invalid Arn: '{arn}'")
                : new ApiException("ResourceNotFound", $"Resource not found: '{arn}' (only state machines have tags here).");
        }

        var machine = _machines.GetValueOrDefault(parsed.Value.Parts[0])
            ?? throw new ApiException("ResourceNotFound", $"Resource not found: '{arn}'");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["deploy:application"] = machine.Host.Application,
            ["deploy:environment"] = machine.Host.Environment,
            ["deploy:role"] = machine.Role,
        };
        foreach (var (key, value) in machine.Tags)
        {
            tags[key] = value;
        }

        return new JsonObject
        {
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray()),
        };
    }

    private void Answer(string token, TaskOutcome outcome)
    {
        if (!hosts.Any(h => h.Answer(token, outcome)))
        {
            throw new ApiException("TaskDoesNotExist", "Task Does Not Exist: no task waits for this token (unknown, already answered or timed out).");
        }
    }

    private MachineInfo Machine(JsonObject request, string member)
    {
        var arn = RequiredString(request, member);
        var name = Arns.StateMachineName(arn, member);
        return _machines.GetValueOrDefault(name)
            ?? throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");
    }

    private LocalExecution Execution(JsonObject request, string member)
    {
        var arn = RequiredString(request, member);
        var (machineName, name) = Arns.ExecutionNames(arn, member);
        var machine = _machines.GetValueOrDefault(machineName);
        var execution = machine?.Host.Find(Arns.Execution(machineName, name))
            ?? hosts.Select(h => h.Find(arn)).FirstOrDefault(e => e is not null);
        return execution ?? throw new ApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");
    }

    private static (string? Name, string Text, JsonNode? Input) ExecutionInput(JsonObject request)
    {
        var name = OptionalString(request, "name");
        if (name is not null && (name.Length is 0 or > 80 || name.Any(c => char.IsWhiteSpace(c) || "<>{}[]?*\"#%\\^|~`$&,;:/".Contains(c, StringComparison.Ordinal))))
        {
            throw new ApiException("InvalidName", $"Invalid Name: '{name}'");
        }

        var text = OptionalString(request, "input") ?? "{}";
        try
        {
            return (name, text, JsonNode.Parse(text));
        }
        catch (JsonException e)
        {
            throw new ApiException("InvalidExecutionInput", $"Invalid State Machine Execution Input: '{e.Message}'");
        }
    }

    private static string Token(JsonObject request)
    {
        var token = RequiredString(request, "taskToken");
        return token.Length is > 0 and <= 2048 ? token : throw new ApiException("InvalidToken", "Invalid Token: the task token must be 1 to 2048 characters.");
    }

    /// <summary>One page of <paramref name="items"/> (maxResults, nextToken = an opaque offset bound to <paramref name="scope"/>).</summary>
    private static JsonObject Page(JsonObject request, List<JsonNode> items, string member, string scope)
    {
        var max = OptionalInt(request, "maxResults") ?? 0;
        if (max is < 0 or > MaxPageSize)
        {
            throw new ApiException("ValidationException", $"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {MaxPageSize}");
        }

        var size = max == 0 ? DefaultPageSize : max;
        var offset = 0;
        if (OptionalString(request, "nextToken") is { } token)
        {
            offset = ReadToken(token, scope);
        }

        var page = items.Skip(offset).Take(size).ToArray();
        var response = new JsonObject { [member] = new JsonArray(page) };
        if (offset + page.Length < items.Count)
        {
            response["nextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset + page.Length}|{scope}"));
        }

        return response;
    }

    private static int ReadToken(string token, string scope)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && text[(bar + 1)..] == scope && int.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw new ApiException("InvalidToken", "Invalid Token: the nextToken does not belong to this request.");
    }

    private static string RequiredString(JsonObject request, string member) =>
        OptionalString(request, member) ?? throw new ApiException("ValidationException", $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    private static string? OptionalString(JsonObject request, string member) => request[member] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => throw new ApiException("SerializationException", $"'{member}' must be a string."),
    };

    private static bool? OptionalBool(JsonObject request, string member) => request[member] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
        _ => throw new ApiException("SerializationException", $"'{member}' must be a boolean."),
    };

    private static int? OptionalInt(JsonObject request, string member) => request[member] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var number) => number,
        JsonValue v when v.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue => (int)real,
        _ => throw new ApiException("SerializationException", $"'{member}' must be an integer."),
    };
}
