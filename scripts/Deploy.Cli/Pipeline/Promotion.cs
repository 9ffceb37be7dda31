using System.Text.Json.Nodes;
using Deploy.Contracts;

namespace Deploy.Cli.Pipeline;

/// <summary>
/// Promoting a version from one environment to the next (the seeds' staging → approval → production pipeline): the
/// request that deployed it where it was verified — the same image and artifact; the launch-template data is the target
/// stack's own, as CDK defines it — is started in the next environment, with where it comes from in the recorded reason.
/// </summary>
/// <remarks>
/// Verified means: the newest deployment of the version in the source environment ended SUCCEEDED (it passed its
/// health gate, every traffic step and the bake), and no Rollback put traffic back off it while it was still the
/// latest success there (an alarm after the success). A launch-template version number belongs to one stack's
/// template, so a version deployed only as <c>--launch-template-version</c> cannot be promoted.
/// </remarks>
public static class Promotion
{
    /// <summary>What the source environment says about a version.</summary>
    /// <param name="Source">The deployment whose request is promoted: the verified one, or (forced) the newest attempt.</param>
    /// <param name="Verified">Whether <paramref name="Source"/> verified the version.</param>
    /// <param name="Why">Why it is not verified (null when it is).</param>
    public sealed record Finding(ExecutionView? Source, bool Verified, string? Why);

    /// <summary>Looks the version up among the source environment's recent deployments (the newest 100).</summary>
    public static async Task<Finding> FindAsync(PipelineGateway gateway, PipelineMachines from, string version, CancellationToken ct)
    {
        var deployments = await gateway.DeploymentsAsync(from, 100, ct);
        var attempts = deployments.Where(d => DeployInput.Version(d.Input) == version).ToList();
        if (attempts.Count == 0)
        {
            return new Finding(null, false, $"{version} was never deployed to {from.Environment} (among its latest 100 deployments)");
        }

        var success = attempts.FirstOrDefault(d => d.Status == "SUCCEEDED");
        if (success is null)
        {
            var latest = attempts[0];
            return new Finding(latest, false, latest.Ended
                ? $"no deployment of {version} succeeded in {from.Environment}; the latest, {latest.Name}, ended {Outcomes.Of(latest)} ({latest.Error})"
                : $"the deployment of {version} in {from.Environment}, {latest.Name}, is still running");
        }

        // Rolled back after its success, while it was still the latest success: the version failed there after all.
        var nextSuccess = deployments.Where(d => d.Status == "SUCCEEDED" && d.Start > success.Start).Select(d => (DateTimeOffset?)d.Start).Min();
        var rollbacks = await gateway.ExecutionsSinceAsync(from.Rollback, success.Stop ?? success.Start, ct);
        var undone = rollbacks.FirstOrDefault(r => r.Error == DeployErrors.RolledBack && (nextSuccess is null || r.Start < nextSuccess));
        return undone is null
            ? new Finding(success, true, null)
            : new Finding(success, false, $"{success.Name} succeeded in {from.Environment} but {undone.Name} rolled it back at {undone.Start:u}");
    }

    /// <summary>
    /// The request for the target environment: the source's image and artifact, the target's strategy unless
    /// <paramref name="strategy"/> is given, and a reason that records where it comes from (and, forced, why).
    /// </summary>
    public static JsonObject Request(PipelineMachines from, Finding finding, string version, string? strategy, string? reason)
    {
        var source = finding.Source!;
        var input = source.Input ?? new JsonObject();
        var templateVersion = DeployInput.Read(input, r => r.LaunchTemplateVersion);
        if (DeployInput.Read(input, r => r.ImageId) is null && templateVersion is not null)
        {
            throw new CliException(ExitCode.UsageError,
                $"{version} was deployed to {from.Environment} as launch-template version {templateVersion} of that stack's own template, which another environment's stack does not have; deploy it with deploy --image-id instead.", CliErrorNames.NotPromotable);
        }

        var origin = finding.Verified
            ? $"Promoted from {from.Environment}, verified there by {source.Arn}"
            : $"Promoted from {from.Environment} with --force, NOT verified there ({finding.Why})";
        var request = new JsonObject
        {
            [DeployInput.Field(r => r.Version)] = version,
            [DeployInput.Field(r => r.Reason)] = reason is null ? origin : $"{origin}: {reason}",
            [DeployInput.Field(r => r.RequestedBy)] = CliContext.User,
        };
        foreach (var name in new[] { DeployInput.Field(r => r.ImageId), DeployInput.Field(r => r.Artifact) })
        {
            if (input[name] is { } value)
            {
                request[name] = value.DeepClone();
            }
        }

        if (strategy is not null)
        {
            request[DeployInput.Field(r => r.Strategy)] = strategy;
        }

        return request;
    }
}
