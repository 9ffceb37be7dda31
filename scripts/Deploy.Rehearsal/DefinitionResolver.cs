using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Deploy.Rehearsal.Internal;

namespace Deploy.Rehearsal;

/// <summary>
/// Resolves the state machine definitions of a synthesized CloudFormation template into concrete
/// JSON, as the linters and the rehearsal need them: runs <c>scripts/rehearsal/resolve.mjs</c>, which
/// uses the fake-value scheme of <c>scripts/rehearsal/resolve-definition.mjs</c> (Lambda functions become
/// <c>arn:aws:lambda:us-east-1:123456789012:function:&lt;logical id&gt;</c>, tables their logical id, ...).
/// </summary>
public static class DefinitionResolver
{
    /// <summary>Resolves every <c>AWS::StepFunctions::StateMachine</c> of <paramref name="templateFile"/>.</summary>
    /// <param name="repositoryRoot">The repository root (the folder with <c>node_modules</c>).</param>
    /// <param name="templateFile">A synthesized template, for example <c>cdk.out/webapp-staging.template.json</c>; AWS::StackName is taken from its name.</param>
    /// <param name="nodeExecutable">The Node.js executable; default: <c>node</c> on <c>PATH</c>.</param>
    /// <returns>The state machines by logical id, in template order.</returns>
    /// <exception cref="RehearsalException">Node.js or the script is missing, the template cannot be read, or a definition cannot be resolved.</exception>
    public static IReadOnlyDictionary<string, ResolvedStateMachine> ResolveTemplate(string repositoryRoot, string templateFile, string? nodeExecutable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentException.ThrowIfNullOrEmpty(templateFile);
        var root = Path.GetFullPath(repositoryRoot);
        var script = NodeLocator.RequireFile(root, "scripts/rehearsal/resolve.mjs", "Is this the repository root?");
        var node = NodeLocator.FindNode(nodeExecutable);
        var stdout = RunScript(node, root, script, Path.GetFullPath(templateFile, root));
        return Parse(JsonNode.Parse(stdout) as JsonArray, templateFile);
    }

    /// <summary>
    /// Resolves every <c>AWS::StepFunctions::StateMachine</c> of <paramref name="templateFile"/> and its IAM side
    /// (<c>resolve.mjs --policies</c>): the roles and policies, and the alarms and events rules, with the same fake values
    /// as the definitions.
    /// </summary>
    /// <param name="repositoryRoot">The repository root (the folder with <c>node_modules</c>).</param>
    /// <param name="templateFile">A synthesized template; AWS::StackName is taken from its name.</param>
    /// <param name="nodeExecutable">The Node.js executable; default: <c>node</c> on <c>PATH</c>.</param>
    /// <exception cref="RehearsalException">Node.js or the script is missing, the template cannot be read, or a definition cannot be resolved.</exception>
    public static ResolvedTemplate ResolveTemplateWithPolicies(string repositoryRoot, string templateFile, string? nodeExecutable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(repositoryRoot);
        ArgumentException.ThrowIfNullOrEmpty(templateFile);
        var root = Path.GetFullPath(repositoryRoot);
        var script = NodeLocator.RequireFile(root, "scripts/rehearsal/resolve.mjs", "Is this the repository root?");
        var node = NodeLocator.FindNode(nodeExecutable);
        var output = JsonNode.Parse(RunScript(node, root, script, "--policies", Path.GetFullPath(templateFile, root))) as JsonObject
            ?? throw new RehearsalException($"resolve.mjs --policies printed no JSON object for '{templateFile}'.");
        return new ResolvedTemplate
        {
            Machines = Parse(output["definitions"] as JsonArray, templateFile),
            Policies = Authorization.PolicyParser.Parse(output["policies"] as JsonObject
                ?? throw new RehearsalException($"resolve.mjs --policies printed no policies for '{templateFile}'.")),
            Alarms = Simulation.Alarms.AlarmDefinitions.Parse(output["alarms"] as JsonArray),
        };
    }

    private static string RunScript(string node, string root, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        NodeProcess.ConfigureEnvironment(start);
        using var process = Process.Start(start) ?? throw new RehearsalException($"'{node}' did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new RehearsalException($"Resolving the definitions of '{arguments[^1]}' failed (exit code {process.ExitCode}): {stderr.Result.Trim()}");
        }

        return stdout;
    }

    private static Dictionary<string, ResolvedStateMachine> Parse(JsonArray? output, string templateFile)
    {
        var entries = output ?? throw new RehearsalException($"resolve.mjs printed no JSON array for '{templateFile}'.");
        var machines = new Dictionary<string, ResolvedStateMachine>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var logicalId = (string?)entry["logicalId"] ?? string.Empty;
            if (entry["definition"] is not JsonObject definition)
            {
                errors.Add($"{logicalId}: {(string?)entry["error"] ?? "no definition"}");
                continue;
            }

            entry.Remove("definition");
            machines[logicalId] = new ResolvedStateMachine
            {
                LogicalId = logicalId,
                Definition = definition,
                References = ParseReferences(entry["references"] as JsonObject),
            };
        }

        return errors.Count == 0
            ? machines
            : throw new RehearsalException($"Some definitions of '{templateFile}' could not be resolved: {string.Join("; ", errors)}");
    }

    private static Dictionary<string, ResourceReference> ParseReferences(JsonObject? references)
    {
        var map = new Dictionary<string, ResourceReference>(StringComparer.Ordinal);
        foreach (var (value, node) in references ?? [])
        {
            if (node is JsonObject reference)
            {
                map[value] = new ResourceReference
                {
                    LogicalId = (string?)reference["logicalId"] ?? string.Empty,
                    Type = (string?)reference["type"] ?? string.Empty,
                    Attribute = (string?)reference["attribute"],
                };
            }
        }

        return map;
    }
}
