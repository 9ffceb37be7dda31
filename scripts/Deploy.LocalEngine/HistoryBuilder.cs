using System.Text.Json.Nodes;
using Deploy.Rehearsal;

namespace Deploy.LocalEngine;

/// <summary>
/// Builds an execution's history in the shape of GetExecutionHistory (AWS event type names, ids from 1, simulated
/// timestamps). While the execution runs: from the task attempts the world saw. Once it ended: from the engine's
/// full event log (every state, with its type), with each Task and Wait state timed and detailed by its attempts.
/// </summary>
internal static class HistoryBuilder
{
    public static List<JsonObject> Build(LocalExecution execution, bool includeData)
    {
        var history = new History(includeData, execution.Timeline.Shift);
        var started = new JsonObject
        {
            ["input"] = execution.InputText,
            ["inputDetails"] = new JsonObject { ["truncated"] = false },
            ["roleArn"] = Arns.Role(execution.Machine.Name),
            ["stateMachineArn"] = execution.Machine.Arn,
        };
        history.Add("ExecutionStarted", execution.StartDate, "executionStartedEventDetails", started);
        if (execution.Result is { } result)
        {
            FromEngine(history, execution, result);
        }
        else
        {
            FromAttempts(history, execution);
        }

        return history.Events;
    }

    private static void FromAttempts(History history, LocalExecution execution)
    {
        string? previous = null;
        var attempts = execution.Attempts;
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            var type = attempt.IsWait ? "Wait" : "Task";
            if (attempt.State != previous || attempt.RetryCount == 0)
            {
                history.Add($"{type}StateEntered", attempt.Start, "stateEnteredEventDetails", Named(attempt.State));
            }

            previous = attempt.State;
            if (!attempt.IsWait)
            {
                TaskEvents(history, attempt);
            }

            var retried = i + 1 < attempts.Count && attempts[i + 1].State == attempt.State && attempts[i + 1].RetryCount > 0;
            if (attempt.End is { } end && (attempt.Succeeded || attempt.IsWait) && !retried)
            {
                history.Add($"{type}StateExited", end, "stateExitedEventDetails", Exited(attempt.State, Output(execution, attempt)));
            }
        }

        var at = execution.StopDate ?? attempts.LastOrDefault()?.End ?? execution.StartDate;
        switch (execution.Status)
        {
            case "ABORTED":
                history.Add("ExecutionAborted", at, "executionAbortedEventDetails", ErrorDetails(execution.Error, execution.Cause));
                break;
            case "FAILED":
                history.Add("ExecutionFailed", at, "executionFailedEventDetails", ErrorDetails(execution.Error, execution.Cause));
                break;
            case "TIMED_OUT":
                history.Add("ExecutionTimedOut", at, "executionTimedOutEventDetails", ErrorDetails(execution.Error, execution.Cause));
                break;
        }
    }

    private static void FromEngine(History history, LocalExecution execution, ExecutionResult result)
    {
        var now = execution.StartDate;
        var next = 0;
        var attempts = execution.Attempts;
        var lastAttempt = new Dictionary<string, TaskAttempt>(StringComparer.Ordinal);
        var first = true;

        TaskAttempt? Take(string? state)
        {
            for (var i = next; i < attempts.Count; i++)
            {
                if (attempts[i].State == state)
                {
                    next = i + 1;
                    lastAttempt[state] = attempts[i];
                    return attempts[i];
                }
            }

            return null;
        }

        var events = result.Events;
        for (var index = 0; index < events.Count; index++)
        {
            var e = events[index];
            var type = e.EffectiveType ?? "Task";
            switch (e.Type)
            {
                case "StateEntered":
                {
                    lastAttempt.Remove(e.State ?? string.Empty);
                    var attempt = type is "Task" or "Wait" ? Take(e.State) : null;
                    var details = Named(e.State);
                    if (first && history.IncludeData)
                    {
                        details["input"] = execution.InputText;
                        details["inputDetails"] = new JsonObject { ["truncated"] = false };
                    }

                    first = false;
                    history.Add($"{type}StateEntered", attempt?.Start ?? now, "stateEnteredEventDetails", details);
                    if (attempt is not null)
                    {
                        if (type == "Task")
                        {
                            TaskEvents(history, attempt);
                        }

                        now = attempt.End ?? now;
                    }

                    break;
                }

                case "StateRetried":
                {
                    if (Take(e.State) is { } attempt)
                    {
                        TaskEvents(history, attempt);
                        now = attempt.End ?? now;
                    }

                    break;
                }

                case "StateExited":
                {
                    JsonNode? output = null;
                    if (index + 1 < events.Count && events[index + 1].Type == "ExecutionSucceeded" && execution.OutputText is { } final)
                    {
                        output = final;
                    }
                    else if (lastAttempt.TryGetValue(e.State ?? string.Empty, out var attempt) && attempt.Succeeded && type == "Task")
                    {
                        output = Output(execution, attempt);
                    }

                    history.Add($"{type}StateExited", now, "stateExitedEventDetails", Exited(e.State, output));
                    break;
                }

                case "ExecutionSucceeded":
                    history.Add("ExecutionSucceeded", execution.StopDate ?? now, "executionSucceededEventDetails", new JsonObject
                    {
                        ["output"] = execution.OutputText ?? "null",
                        ["outputDetails"] = new JsonObject { ["truncated"] = false },
                    });
                    break;

                case "ExecutionFailed":
                    history.Add("ExecutionFailed", execution.StopDate ?? now, "executionFailedEventDetails", ErrorDetails(e.Error ?? result.Error, e.Cause ?? result.Cause));
                    break;

                case "MapIterationStarted" or "MapIterationSucceeded" or "MapIterationFailed" or "MapIterationAborted":
                    history.Add(e.Type, now, "mapIterationStartedEventDetails".Replace("Started", e.Type["MapIteration".Length..], StringComparison.Ordinal),
                        new JsonObject { ["name"] = e.State, ["index"] = e.Index });
                    break;

                case "ParallelBranchStarted":
                    history.Add("ParallelStateStarted", now, null, null);
                    break;

                case "ParallelBranchSucceeded":
                    history.Add("ParallelStateSucceeded", now, null, null);
                    break;

                case "ParallelBranchFailed":
                    history.Add("ParallelStateFailed", now, null, null);
                    break;

                default:
                    // ExecutionStarted (already added), StateFailed (its task event is already there), StateCaught (StateExited follows).
                    break;
            }
        }

        // Stopped from outside (StopExecution, the state machine's timeout): the engine's log ends where it stopped.
        if (result.Status is ExecutionStatus.Aborted or ExecutionStatus.TimedOut)
        {
            var aborted = result.Status == ExecutionStatus.Aborted;
            history.Add(aborted ? "ExecutionAborted" : "ExecutionTimedOut", execution.StopDate ?? now,
                aborted ? "executionAbortedEventDetails" : "executionTimedOutEventDetails", ErrorDetails(result.Error, result.Cause));
        }
    }

    /// <summary>The Scheduled/Started/(Succeeded|Failed|TimedOut) events of one task attempt.</summary>
    private static void TaskEvents(History history, TaskAttempt attempt)
    {
        if (attempt.Resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal))
        {
            var scheduled = new JsonObject { ["resource"] = attempt.Resource, ["input"] = attempt.InputText, ["inputDetails"] = new JsonObject { ["truncated"] = false } };
            if (attempt.TimeoutSeconds is { } lambdaTimeout)
            {
                scheduled["timeoutInSeconds"] = lambdaTimeout;
            }

            history.Add("LambdaFunctionScheduled", attempt.Start, "lambdaFunctionScheduledEventDetails", scheduled);
            history.Add("LambdaFunctionStarted", attempt.Start, null, null);
            if (attempt.End is not { } end)
            {
                return;
            }

            if (attempt.Succeeded)
            {
                history.Add("LambdaFunctionSucceeded", end, "lambdaFunctionSucceededEventDetails", new JsonObject
                {
                    ["output"] = attempt.OutputText ?? "null",
                    ["outputDetails"] = new JsonObject { ["truncated"] = false },
                });
            }
            else if (attempt.Error == "States.Timeout")
            {
                history.Add("LambdaFunctionTimedOut", end, "lambdaFunctionTimedOutEventDetails", ErrorDetails(attempt.Error, attempt.Cause));
            }
            else
            {
                history.Add("LambdaFunctionFailed", end, "lambdaFunctionFailedEventDetails", ErrorDetails(attempt.Error, attempt.Cause));
            }

            return;
        }

        var (resourceType, resource) = SplitResource(attempt.Resource);
        var details = new JsonObject
        {
            ["resourceType"] = resourceType,
            ["resource"] = resource,
            ["region"] = Arns.Region,
            ["parameters"] = attempt.InputText,
        };
        if (attempt.TimeoutSeconds is { } timeout)
        {
            details["timeoutInSeconds"] = timeout;
        }

        if (attempt.HeartbeatSeconds is { } heartbeat)
        {
            details["heartbeatInSeconds"] = heartbeat;
        }

        history.Add("TaskScheduled", attempt.Start, "taskScheduledEventDetails", details);
        history.Add("TaskStarted", attempt.Start, "taskStartedEventDetails", new JsonObject { ["resourceType"] = resourceType, ["resource"] = resource });
        if (attempt.End is not { } finished)
        {
            return;
        }

        if (attempt.Succeeded)
        {
            history.Add("TaskSucceeded", finished, "taskSucceededEventDetails", new JsonObject
            {
                ["resourceType"] = resourceType,
                ["resource"] = resource,
                ["output"] = attempt.OutputText ?? "null",
                ["outputDetails"] = new JsonObject { ["truncated"] = false },
            });
            return;
        }

        var failure = ErrorDetails(attempt.Error, attempt.Cause);
        failure["resourceType"] = resourceType;
        failure["resource"] = resource;
        history.Add(attempt.Error == "States.Timeout" ? "TaskTimedOut" : "TaskFailed", finished,
            attempt.Error == "States.Timeout" ? "taskTimedOutEventDetails" : "taskFailedEventDetails", failure);
    }

    /// <summary><c>arn:aws:states:::sns:publish.waitForTaskToken</c> → (sns, publish.waitForTaskToken); aws-sdk keeps its service.</summary>
    public static (string Type, string Resource) SplitResource(string arn)
    {
        var at = arn.IndexOf(":::", StringComparison.Ordinal);
        if (at < 0)
        {
            return ("unknown", arn);
        }

        var rest = arn[(at + 3)..];
        var parts = rest.Split(':');
        return parts[0] == "aws-sdk" && parts.Length >= 3
            ? ($"aws-sdk:{parts[1]}", string.Join(':', parts[2..]))
            : (parts[0], string.Join(':', parts[1..]));
    }

    private static string? Output(LocalExecution execution, TaskAttempt attempt) =>
        attempt.IsWait ? null : ResultShaper.Contribution(execution.Machine.States.GetValueOrDefault(attempt.State), attempt.OutputText) is { } contribution ? Wire.Text(contribution) : null;

    private static JsonObject Named(string? name) => new() { ["name"] = name };

    private static JsonObject Exited(string? name, JsonNode? output)
    {
        var details = Named(name);
        if (output is not null)
        {
            details["output"] = output is JsonValue v && v.TryGetValue<string>(out var text) ? text : Wire.Text(output);
            details["outputDetails"] = new JsonObject { ["truncated"] = false };
        }

        return details;
    }

    private static JsonObject Exited(string? name, string? output) => Exited(name, output is null ? null : JsonValue.Create(output));

    private static JsonObject ErrorDetails(string? error, string? cause)
    {
        var details = new JsonObject();
        if (error is not null)
        {
            details["error"] = error;
        }

        if (cause is not null)
        {
            details["cause"] = cause;
        }

        return details;
    }

    private sealed class History(bool includeData, TimeSpan shift)
    {
        private static readonly string[] DataMembers = ["input", "inputDetails", "output", "outputDetails"];

        public List<JsonObject> Events { get; } = [];

        public bool IncludeData { get; } = includeData;

        public void Add(string type, DateTimeOffset at, string? detailsName, JsonObject? details)
        {
            var id = Events.Count + 1;
            var e = new JsonObject
            {
                ["timestamp"] = Wire.Epoch(at + shift),
                ["type"] = type,
                ["id"] = id,
                ["previousEventId"] = id - 1,
            };
            if (detailsName is not null && details is not null)
            {
                if (!IncludeData)
                {
                    foreach (var member in DataMembers)
                    {
                        details.Remove(member);
                    }
                }

                e[detailsName] = details;
            }

            Events.Add(e);
        }
    }
}
