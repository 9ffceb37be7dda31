using System.Globalization;
using System.Text.Json.Nodes;
using Deploy.Rehearsal.Authorization;

namespace Deploy.Rehearsal.Simulation;

/// <summary>IAM in the simulated world: every call is authorized as the role of the state machine that makes it.</summary>
public sealed partial class SimulatedWorld
{
    private TaskAuthorizer? _authorizer;

    /// <summary>
    /// Whether every call is authorized as the synthesized execution role of its state machine (a real policy evaluator over
    /// the template's policies, plus the permissions other services check on the caller's behalf); a denied call fails as AWS
    /// fails it and is recorded in <see cref="ExecutionRecord.Refused"/> and <see cref="Denials"/>. Default: <see langword="true"/>
    /// (the stack must carry its <see cref="RehearsalStack.Policies"/>).
    /// </summary>
    public bool Authorize { get; set; } = true;

    /// <summary>Every call IAM denied: time, execution, state, and the first permission denied.</summary>
    public List<(DateTimeOffset At, string Execution, string State, PermissionCheck Check, PolicyDecision Decision)> Denials { get; } = new();

    /// <summary>The authorizer of this world's stack (created on first use).</summary>
    public TaskAuthorizer Authorizer => _authorizer ??= new TaskAuthorizer(
        _stack.Policies ?? throw new InvalidOperationException(
            "The stack was resolved without its policies, so calls cannot be authorized: resolve it with DefinitionResolver.ResolveTemplateWithPolicies, or set Authorize = false."),
        _engine.PolicySimulator,
        LaunchTemplateVersionData);

    private TaskOutcome? Refusal(ExecutionRecord execution, TaskCall call, string service, string action)
    {
        var machine = execution.Machine switch
        {
            "Deploy" => _stack.Deploy,
            "Rollback" => _stack.Rollback,
            "Recovery" => _stack.Recovery ?? throw new InvalidOperationException("The stack has no Recovery state machine."),
            "Unlock" => _stack.Unlock ?? throw new InvalidOperationException("The stack has no Unlock state machine."),
            _ => _stack.HealthProbe,
        };
        var refusal = Authorizer.Refusal(machine.LogicalId, service, action, call.Resource, call.Input as JsonObject ?? new JsonObject());
        if (refusal is not null && Authorizer.LastDenied is { } denied)
        {
            Denials.Add((Clock.UtcNow, execution.Name, call.StateName, denied.Check, denied.Decision));
        }

        return refusal;
    }

    /// <summary>The launch parameters of a launch-template version (the world's: inherited ones included).</summary>
    private JsonObject? LaunchTemplateVersionData(string id, string version) =>
        id == _stack.LaunchTemplateId && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? LaunchTemplateData.GetValueOrDefault(number)
            : null;
}
