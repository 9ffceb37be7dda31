using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deploy.StepFunctions;

/// <summary>
/// One event of an execution's history
/// (<a href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html">HistoryEvent</a>).
/// The common details are typed; every event also keeps its complete JSON in <see cref="Raw"/>, so details this type
/// does not model (Map, Parallel, activity, evaluation events, …) stay readable through <see cref="Details"/>.
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>The event's id, unique within the execution, starting at 1.</summary>
    public long Id { get; init; }

    /// <summary>The id of the event this one follows from (0 or absent for the first).</summary>
    public long? PreviousEventId { get; init; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The event type, e.g. <c>ExecutionStarted</c>, <c>TaskStateEntered</c>, <c>LambdaFunctionFailed</c>.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>Set on <c>ExecutionStarted</c>.</summary>
    public ExecutionStartedEventDetails? ExecutionStartedEventDetails { get; init; }

    /// <summary>Set on <c>ExecutionSucceeded</c>.</summary>
    public OutputEventDetails? ExecutionSucceededEventDetails { get; init; }

    /// <summary>Set on <c>ExecutionFailed</c>.</summary>
    public ErrorEventDetails? ExecutionFailedEventDetails { get; init; }

    /// <summary>Set on <c>ExecutionAborted</c>.</summary>
    public ErrorEventDetails? ExecutionAbortedEventDetails { get; init; }

    /// <summary>Set on <c>ExecutionTimedOut</c>.</summary>
    public ErrorEventDetails? ExecutionTimedOutEventDetails { get; init; }

    /// <summary>Set on every <c>*StateEntered</c> event.</summary>
    public StateEnteredEventDetails? StateEnteredEventDetails { get; init; }

    /// <summary>Set on every <c>*StateExited</c> event.</summary>
    public StateExitedEventDetails? StateExitedEventDetails { get; init; }

    /// <summary>Set on <c>TaskScheduled</c>.</summary>
    public TaskScheduledEventDetails? TaskScheduledEventDetails { get; init; }

    /// <summary>Set on <c>TaskStarted</c>.</summary>
    public TaskEventDetails? TaskStartedEventDetails { get; init; }

    /// <summary>Set on <c>TaskSubmitted</c>.</summary>
    public TaskEventDetails? TaskSubmittedEventDetails { get; init; }

    /// <summary>Set on <c>TaskSucceeded</c>.</summary>
    public TaskEventDetails? TaskSucceededEventDetails { get; init; }

    /// <summary>Set on <c>TaskFailed</c>.</summary>
    public TaskEventDetails? TaskFailedEventDetails { get; init; }

    /// <summary>Set on <c>TaskTimedOut</c>.</summary>
    public TaskEventDetails? TaskTimedOutEventDetails { get; init; }

    /// <summary>Set on <c>TaskStartFailed</c>.</summary>
    public TaskEventDetails? TaskStartFailedEventDetails { get; init; }

    /// <summary>Set on <c>TaskSubmitFailed</c>.</summary>
    public TaskEventDetails? TaskSubmitFailedEventDetails { get; init; }

    /// <summary>Set on <c>LambdaFunctionScheduled</c>.</summary>
    public LambdaFunctionScheduledEventDetails? LambdaFunctionScheduledEventDetails { get; init; }

    /// <summary>Set on <c>LambdaFunctionSucceeded</c>.</summary>
    public OutputEventDetails? LambdaFunctionSucceededEventDetails { get; init; }

    /// <summary>Set on <c>LambdaFunctionFailed</c>.</summary>
    public ErrorEventDetails? LambdaFunctionFailedEventDetails { get; init; }

    /// <summary>Set on <c>LambdaFunctionTimedOut</c>.</summary>
    public ErrorEventDetails? LambdaFunctionTimedOutEventDetails { get; init; }

    /// <summary>Set on <c>LambdaFunctionScheduleFailed</c>.</summary>
    public ErrorEventDetails? LambdaFunctionScheduleFailedEventDetails { get; init; }

    /// <summary>Set on <c>LambdaFunctionStartFailed</c>.</summary>
    public ErrorEventDetails? LambdaFunctionStartFailedEventDetails { get; init; }

    /// <summary>The event exactly as the service sent it.</summary>
    [JsonIgnore]
    public JsonElement Raw { get; init; }

    /// <summary>
    /// The event's <c>…EventDetails</c> object, whichever type it is; <see langword="null"/> for events without details
    /// (e.g. <c>TaskStateAborted</c>).
    /// </summary>
    [JsonIgnore]
    public JsonElement? Details
    {
        get
        {
            if (Raw.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in Raw.EnumerateObject())
            {
                if (property.Name.EndsWith("EventDetails", StringComparison.Ordinal)
                    && property.Value.ValueKind == JsonValueKind.Object)
                {
                    return property.Value;
                }
            }

            return null;
        }
    }
}
