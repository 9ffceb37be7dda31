using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Cli.Pipeline;
using Deploy.Contracts;
using Deploy.Rules;

namespace Deploy.Cli.Commands;

/// <summary><c>deploy</c>: validates the request locally, starts the Deploy state machine, and with <c>--wait</c> follows it to the end.</summary>
public static class DeployCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(Verbs verbs)
    {
        var env = Options.Environment();
        var version = new Option<string>("--version") { Description = "Application version: 1-128 characters of A-Z a-z 0-9 . _ + -.", Required = true };
        var imageId = new Option<string?>("--image-id") { Description = "AMI of the new launch-template version (ami- + 8 or 17 hex)." };
        var launchTemplateVersion = Options.Integer("--launch-template-version", "Deploy an existing numbered launch-template version instead of creating one (not with --image-id).", 1, int.MaxValue);
        var artifact = new Option<string?>("--artifact") { Description = "Artifact location s3://bucket/key, given to instances as the deploy:artifact tag." };
        var strategy = new Option<string?>("--strategy") { Description = "AllAtOnce, Canary or Linear. Default: the environment's." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded and notified)." };
        var wait = Options.Wait();
        var timeout = Options.Timeout();

        var command = new Command("deploy", "Start a deployment of a new version to the idle color. One of --image-id, --launch-template-version, --artifact is required.")
        {
            env, version, imageId, launchTemplateVersion, artifact, strategy, reason, wait, timeout,
        };
        command.SetAction((result, ct) => verbs.Run(result, async context =>
        {
            if (result.GetValue(imageId) is not null && result.GetValue(launchTemplateVersion) is not null)
            {
                throw new CliException(ExitCode.UsageError,
                    "--image-id and --launch-template-version cannot be combined: --image-id creates a new launch-template version from that AMI, --launch-template-version deploys an existing one; give one of them.");
            }

            var request = new JsonObject { [DeployInput.Field(r => r.Version)] = result.GetValue(version) };
            void Add(string name, JsonNode? value)
            {
                if (value is not null)
                {
                    request[name] = value;
                }
            }

            Add(DeployInput.Field(r => r.ImageId), result.GetValue(imageId));
            Add(DeployInput.Field(r => r.LaunchTemplateVersion), result.GetValue(launchTemplateVersion) is { } lt ? JsonValue.Create(lt) : null);
            Add(DeployInput.Field(r => r.Artifact), result.GetValue(artifact));
            Add(DeployInput.Field(r => r.Strategy), result.GetValue(strategy));
            Add(DeployInput.Field(r => r.Reason), result.GetValue(reason));
            Add(DeployInput.Field(r => r.RequestedBy), CliContext.User);

            Validate(request);
            var machines = await context.Gateway.LocateAsync(context.Application, result.GetValue(env)!, ct);
            return await StartAndFollowAsync(context, machines, request, result.GetValue(wait), result.GetValue(timeout), ct);
        }));
        return command;
    }

    /// <summary>The handler's own rules, before any call: a bad version or image id never reaches AWS (exit 2).</summary>
    public static void Validate(JsonObject request)
    {
        var validation = RequestValidator.Validate(new ValidateRequestInput { Request = JsonSerializer.Deserialize<JsonElement>(request.ToJsonString()) });
        if (validation.Error is { } error)
        {
            throw new CliException(ExitCode.UsageError, Options.Describe(error), error.Name);
        }
    }

    /// <summary>
    /// Starts the Deploy state machine with <paramref name="request"/> (already validated) and, with <paramref name="wait"/>,
    /// follows it to its end (and, when it ended without its own rollback, to its Recovery's end); without it, until it
    /// holds the lock. Shared with <c>promote</c>.
    /// </summary>
    public static async Task<ExitCode> StartAndFollowAsync(CliContext context, PipelineMachines machines, JsonObject request, bool wait, TimeSpan? timeout,
        CancellationToken ct, JsonObject? extra = null)
    {
        var version = DeployInput.Version(request)!;
        var started = await context.Gateway.StartAsync(machines.Deploy, request, ExecutionName(version), ct);
        context.Output.Line($"Started deployment of {version} to {machines.Application}/{machines.Environment}: {started}");
        if (!wait)
        {
            // Not a fire-and-forget: exit 0 only once the deployment holds the lock; a refusal is reported as one.
            var lockTimeout = timeout ?? Admission.DefaultTimeout;
            var (execution, admitted) = await Admission.WaitAsync(context.Gateway, machines, started, lockTimeout, ct);
            if (execution.Ended)
            {
                return await Report.EndedAsync(context, machines, execution, timeout, ct, extra);
            }

            var message = admitted
                ? $"It holds the lock and is running. Follow it with: deploy-pipeline status --execution-arn {started}"
                : $"It has not got past the lock yet (waited {Report.Format(lockTimeout)}); follow it with: deploy-pipeline status --execution-arn {started}";
            context.Output.Line(message);
            var json = Report.Json(execution);
            json["admitted"] = admitted;
            context.Output.Result(Report.With(json, extra));
            if (!admitted)
            {
                context.Output.Failure(CliErrorNames.WaitTimedOut, message);
            }

            return admitted ? ExitCode.Success : ExitCode.WaitTimedOut;
        }

        var ended = await ExecutionWatcher.WaitAsync(context, machines, started, timeout, ct);
        return await Report.EndedAsync(context, machines, ended, timeout, ct, extra);
    }

    /// <summary>An execution name from the version and the time: unique, readable, within the 80-character limit.</summary>
    public static string ExecutionName(string version)
    {
        var safe = new string(version.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var name = $"{safe}-{DateTimeOffset.UtcNow.ToString("yyyyMMddTHHmmssfff", CultureInfo.InvariantCulture)}";
        return name.Length <= 80 ? name : name[^80..];
    }
}
