using System.Text.Json.Nodes;
using Deploy.Rehearsal;

namespace Deploy.LocalEngine;

/// <summary>A state machine as the endpoint serves it.</summary>
internal sealed class MachineInfo(MachineSpec spec, EnvironmentHost host)
{
    public string Name => spec.Name;

    public string Arn { get; } = Arns.StateMachine(spec.Name);

    /// <summary>Deploy, Rollback or HealthProbe.</summary>
    public string Role => spec.Role;

    /// <summary>STANDARD or EXPRESS.</summary>
    public string Type => spec.Type;

    public IReadOnlyList<KeyValuePair<string, string>> Tags => spec.Tags;

    public string DefinitionText { get; } = Wire.Text(spec.Definition);

    /// <summary>Every state of the definition (Parallel branches and Map processors included), by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> States { get; } = Flatten(spec.Definition);

    public EnvironmentHost Host { get; } = host;

    private static Dictionary<string, JsonObject> Flatten(JsonObject definition)
    {
        var states = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        void Visit(JsonObject? machine)
        {
            foreach (var (name, node) in machine?["States"] as JsonObject ?? [])
            {
                if (node is not JsonObject state)
                {
                    continue;
                }

                states.TryAdd(name, state);
                foreach (var branch in (state["Branches"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Visit(branch);
                }

                Visit(state["ItemProcessor"] as JsonObject ?? state["Iterator"] as JsonObject);
            }
        }

        Visit(definition);
        return states;
    }
}

/// <summary>One task attempt (or Wait) of an execution, as the simulated world saw it.</summary>
internal sealed class TaskAttempt
{
    public required int TaskId { get; init; }

    public required string State { get; init; }

    public required string Resource { get; init; }

    public required bool IsWait { get; init; }

    /// <summary>The task's input (after InputPath and Parameters), as JSON text.</summary>
    public required string InputText { get; init; }

    public int? TimeoutSeconds { get; init; }

    public int? HeartbeatSeconds { get; init; }

    public int RetryCount { get; init; }

    public required DateTimeOffset Start { get; init; }

    /// <summary>When the world answered; null while the attempt is in flight.</summary>
    public DateTimeOffset? End { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>The task's result as JSON text (before ResultSelector and ResultPath), when it succeeded.</summary>
    public string? OutputText { get; set; }

    public string? Error { get; set; }

    public string? Cause { get; set; }
}

/// <summary>One execution: started through the API, or by a flow or the alarm rule inside the simulated world.</summary>
internal sealed class LocalExecution
{
    public required string Arn { get; init; }

    /// <summary>The ARN the simulated world gave the execution (equal to <see cref="Arn"/> for Deploy and Rollback).</summary>
    public required string WorldArn { get; init; }

    public required string Name { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string InputText { get; init; }

    /// <summary>Registration order (newest first in ListExecutions).</summary>
    public required long Sequence { get; init; }

    /// <summary>Who started it: operator (the API), queued (a flow), alarm (the alarm rule).</summary>
    public required string StartedBy { get; init; }

    public string Status { get; set; } = "RUNNING";

    /// <summary>How this execution's times are shown (see <see cref="Timeline"/>).</summary>
    public required Timeline Timeline { get; set; }

    /// <summary>Start, in simulated time (shown through <see cref="Timeline"/>).</summary>
    public required DateTimeOffset StartDate { get; set; }

    /// <summary>End, in simulated time (shown through <see cref="Timeline"/>).</summary>
    public DateTimeOffset? StopDate { get; set; }

    /// <summary>The shown time of one of this execution's simulated times.</summary>
    public DateTimeOffset Shown(DateTimeOffset simulated) => simulated + Timeline.Shift;

    /// <summary>The shown time of one of this execution's simulated times, if any.</summary>
    public DateTimeOffset? Shown(DateTimeOffset? simulated) => simulated is { } time ? time + Timeline.Shift : null;

    public string? OutputText { get; set; }

    public string? Error { get; set; }

    public string? Cause { get; set; }

    /// <summary>Whether the worker has begun running it (a queued execution has not).</summary>
    public bool Started { get; set; }

    /// <summary>Whether it runs nested inside another execution's approval wait.</summary>
    public bool Nested { get; set; }

    public bool StopRequested { get; set; }

    public List<TaskAttempt> Attempts { get; } = [];

    /// <summary>The engine's full result, once it ended normally.</summary>
    public ExecutionResult? Result { get; set; }

    public bool Running => Status == "RUNNING";
}
