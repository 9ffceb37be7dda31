using System.CommandLine;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;

namespace Deploy.Cli.Commands;

/// <summary>
/// <c>promote</c>: deploys to <c>--to</c> exactly the request (image, artifact) that succeeded and baked in <c>--from</c>;
/// a version not verified there is refused unless <c>--force --reason</c>, which is recorded (see <see cref="Promotion"/>).
/// </summary>
public static class PromoteCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var from = new Option<string>("--from") { Description = "The environment the version was verified in, e.g. staging.", Required = true };
        var to = new Option<string>("--to") { Description = "The environment to deploy it to, e.g. production.", Required = true };
        var version = new Option<string>("--version") { Description = "The version, as it was deployed to --from.", Required = true };
        var strategy = new Option<string?>("--strategy") { Description = "AllAtOnce, Canary or Linear. Default: the --to environment's." };
        var force = new Option<bool>("--force") { Description = "Promote a version that is not verified in --from (needs --reason; recorded)." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded and notified); required with --force." };
        var wait = Options.Wait();
        var timeout = Options.Timeout();
        var command = new Command("promote", "Deploy to --to the request that succeeded and baked in --from (same image and artifact); refuses an unverified version unless --force --reason.")
        {
            from, to, version, strategy, force, reason, wait, timeout,
        };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            var (source, target, name) = (result.GetValue(from)!, result.GetValue(to)!, result.GetValue(version)!);
            if (source == target)
            {
                throw new CliException(ExitCode.UsageError, $"--from and --to are both \"{source}\": promote moves a version from one environment to another.");
            }

            if (result.GetValue(force) && string.IsNullOrWhiteSpace(result.GetValue(reason)))
            {
                throw new CliException(ExitCode.UsageError, "--force needs --reason: promoting a version that is not verified is recorded with why.");
            }

            var fromMachines = await context.Gateway.LocateAsync(context.Application, source, ct);
            var toMachines = await context.Gateway.LocateAsync(context.Application, target, ct);
            var finding = await Promotion.FindAsync(context.Gateway, fromMachines, name, ct);
            if (!finding.Verified && !result.GetValue(force))
            {
                throw new CliException(ExitCode.UsageError,
                    $"Not promoted: {name} is not verified in {source}: {finding.Why}. Deploy it there first, or promote it anyway with --force --reason \"why\" (recorded).", CliErrorNames.NotPromotable);
            }

            if (finding.Source is null)
            {
                throw new CliException(ExitCode.UsageError,
                    $"Not promoted: {finding.Why}, so there is no request to promote; deploy it to {target} with deploy --image-id or --artifact.", CliErrorNames.NotPromotable);
            }

            var request = Promotion.Request(fromMachines, finding, name, result.GetValue(strategy), result.GetValue(reason));
            DeployCommand.Validate(request);
            context.Output.Line(finding.Verified
                ? $"Promoting {name} from {source} (verified by {finding.Source.Name}) to {target}."
                : $"Promoting {name} from {source} to {target} with --force: {finding.Why}.");
            var promotion = new JsonObject
            {
                ["promotedFrom"] = new JsonObject
                {
                    ["environment"] = source,
                    ["executionArn"] = finding.Source.Arn,
                    ["verified"] = finding.Verified,
                    ["notVerifiedBecause"] = finding.Why,
                },
                ["request"] = request.DeepClone(),
            };
            return await DeployCommand.StartAndFollowAsync(context, toMachines, request, result.GetValue(wait), result.GetValue(timeout), ct, promotion);
        }));
        return command;
    }
}
