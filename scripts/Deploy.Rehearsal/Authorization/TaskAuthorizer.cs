using System.Globalization;
using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Rehearsal.Authorization;

/// <summary>
/// Authorizes calls as the synthesized roles: a Task as its state machine's role, a custom resource's SDK call as its
/// provider's role. Every permission the call needs (<see cref="RequiredPermissions"/>) is decided by the real evaluator
/// (<see cref="PolicySimulator"/>); the first one denied decides the error (<see cref="AccessDenied"/>).
/// </summary>
/// <param name="policies">The template's IAM side.</param>
/// <param name="simulator">The evaluator.</param>
/// <param name="launchTemplateVersion">The data of launch-template versions created after the template (id, version → its own data).</param>
public sealed class TaskAuthorizer(StackPolicies policies, PolicySimulator simulator, Func<string, string, JsonObject?>? launchTemplateVersion = null)
{
    private int _requests;

    /// <summary>The template's IAM side.</summary>
    public StackPolicies Policies { get; } = policies ?? throw new ArgumentNullException(nameof(policies));

    /// <summary>
    /// Decides every permission a Task of state machine <paramref name="stateMachineLogicalId"/> needs for
    /// <paramref name="service"/>:<paramref name="action"/>.
    /// </summary>
    /// <param name="stateMachineLogicalId">The state machine the Task belongs to.</param>
    /// <param name="service">The SDK service as in the Task resource (<c>autoscaling</c>, <c>lambda</c>, …).</param>
    /// <param name="action">The SDK action (<c>updateAutoScalingGroup</c>, <c>invoke</c>, …).</param>
    /// <param name="taskResource">The Task's <c>Resource</c>.</param>
    /// <param name="input">The Task's effective parameters.</param>
    public IReadOnlyList<(PermissionCheck Check, PolicyDecision Decision)> Decide(string stateMachineLogicalId, string service, string action, string taskResource, JsonObject input) =>
        Decide(Policies.RoleOfStateMachine(stateMachineLogicalId), RequiredPermissions.For(service, action, taskResource, input, Policies, launchTemplateVersion));

    /// <summary>Decides every permission a custom resource's SDK call needs, as its provider's role.</summary>
    public IReadOnlyList<(PermissionCheck Check, PolicyDecision Decision)> Decide(CustomResourceCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Decide(Policies.Roles[call.RoleLogicalId], RequiredPermissions.For(call.Service, call.Action, null, call.Parameters, Policies, launchTemplateVersion));
    }

    /// <summary>
    /// The failure AWS answers a Task with when its role may not make the call, or <see langword="null"/> when every
    /// permission it needs is allowed.
    /// </summary>
    /// <inheritdoc cref="Decide(string, string, string, string, JsonObject)" path="/param"/>
    public TaskOutcome? Refusal(string stateMachineLogicalId, string service, string action, string taskResource, JsonObject input)
    {
        var role = Policies.RoleOfStateMachine(stateMachineLogicalId);
        foreach (var (check, decision) in Decide(stateMachineLogicalId, service, action, taskResource, input))
        {
            if (decision != PolicyDecision.Allowed)
            {
                LastDenied = (check, decision);
                var requestId = $"00000000-0000-4000-8000-{++_requests:x12}";
                return AccessDenied.Outcome(ServiceErrors.IntegrationOf(taskResource), check, decision, role, requestId);
            }
        }

        LastDenied = null;
        return null;
    }

    /// <summary>The permission denied by the last <see cref="Refusal"/>, if it refused.</summary>
    public (PermissionCheck Check, PolicyDecision Decision)? LastDenied { get; private set; }

    private List<(PermissionCheck, PolicyDecision)> Decide(RolePolicies role, IReadOnlyList<PermissionCheck> checks)
    {
        var decisions = simulator.Evaluate(role, checks.Select(c => c.Request).ToList());
        return checks.Select((c, i) => (c, decisions[i])).ToList();
    }

    /// <summary>A readable line for a decision (for reports and assertion messages).</summary>
    public static string Describe((PermissionCheck Check, PolicyDecision Decision) decided) =>
        string.Create(CultureInfo.InvariantCulture, $"{decided.Check.Request.Action} on {decided.Check.Request.Resource}: {decided.Decision}");
}
