using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Constructs.Internal;

namespace Deploy.App.Tests;

public class AppBuilderTests
{
    // Synthesized once for the test run, with real bundling.
    private readonly SynthesizedApp _app = SynthesizedApp.Bundled;

    // The linters read every template of both stacks; minutes on a busy machine, never ten.
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(10);

    private TemplateJson Template(string stack) => TemplateJson.FromFile(_app.TemplateFile(stack));

    [Fact]
    public void Build_CdkJsonContext_SynthesizesOneStackPerEnvironment()
    {
        Assert.Equal(new[] { "webapp-staging", "webapp-production" }, _app.Stacks);
    }

    [Theory]
    [InlineData("webapp-staging")]
    [InlineData("webapp-production")]
    public void Build_EachEnvironment_HasEveryResourceOfTheBlueGreenPipeline(string stack)
    {
        var template = Template(stack);
        var rollback = template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith("PipelineRollback", StringComparison.Ordinal)).Key;

        Assert.Equal(2, template.Count("AWS::ElasticLoadBalancingV2::TargetGroup"));
        Assert.Equal(2, template.Count("AWS::AutoScaling::AutoScalingGroup"));
        Assert.True(template.Count("AWS::CloudWatch::Alarm") >= 6);
        Assert.Equal(2, template.Count("AWS::CloudWatch::CompositeAlarm"));
        Assert.NotNull(template.OnlyResource("AWS::SNS::Topic")["Properties"]!["KmsMasterKeyId"]);
        Assert.Equal(1, template.Count("AWS::DynamoDB::Table"));
        Assert.Equal(5, template.Count("AWS::StepFunctions::StateMachine"));
        Assert.True(template.Resources("AWS::Lambda::Function").Count(f => f.Value["Properties"]!["Runtime"] is JsonValue v && v.GetValue<string>() == "dotnet10") >= 3);
        var recovery = template.Resources("AWS::StepFunctions::StateMachine").Single(m => m.Key.StartsWith("PipelineRecovery", StringComparison.Ordinal)).Key;
        var targets = template.Resources("AWS::Events::Rule").Select(r => Assert.Single(r.Value["Properties"]!["Targets"]!.AsArray())!["Arn"]!.ToJsonString()).Order().ToList();
        Assert.Equal(new[] { $"{{\"Ref\":\"{recovery}\"}}", $"{{\"Ref\":\"{rollback}\"}}" }.Order(), targets);
        Assert.Equal(1, template.Count("AWS::CloudWatch::Dashboard"));
    }

    [Fact]
    public void Build_ProductionContext_RequiresApprovalAndUsesItsThresholds()
    {
        var production = Template("webapp-production");

        var healthy = production.Resources("AWS::CloudWatch::Alarm")
            .Single(a => a.Value["Properties"]!["AlarmName"]!.GetValue<string>() == "webapp-production-blue-healthy-hosts").Value;
        var probe = production.Definition("PipelineHealthProbe");

        Assert.Equal(75, healthy["Properties"]!["Threshold"]!.GetValue<int>());
        Assert.Equal(75, probe["States"]!["BlueResources"]!["Parameters"]!["defaultThresholds"]!["minHealthyPercentage"]!.GetValue<int>());
        Assert.Equal(5, production.Definition("PipelineDeploy")["States"]!["ValidateRequest"]!["Parameters"]!["defaults"]!["canaryPercentage"]!.GetValue<int>());
    }

    [Fact]
    public void Synth_Handlers_AreBundledFromSourceIntoTheFunctionAssets()
    {
        var template = Template("webapp-staging");
        var assets = template.Resources("AWS::Lambda::Function")
            .Where(f => f.Value["Properties"]!["Runtime"] is JsonValue v && v.GetValue<string>() == "dotnet10")
            .ToDictionary(
                f => f.Value["Properties"]!["Handler"]!.GetValue<string>().Split("::")[0],
                f => Path.Combine(_app.OutDir, "asset." + f.Value["Properties"]!["Code"]!["S3Key"]!.ToJsonString().Split(".zip")[0].Split('"', '/').Last()));

        Assert.Equal(4, assets.Count);
        foreach (var (assembly, folder) in assets)
        {
            // The handler and every project it references (the contracts; the request rules for ValidateRequest).
            var projects = HandlerSource.SourceDirectories(HandlerSource.Project(assembly)).Select(Path.GetFileName).ToList();
            Assert.Contains("Deploy.Contracts", projects);
            foreach (var project in projects)
            {
                Assert.True(File.Exists(Path.Combine(folder, project + ".dll")), $"{project}.dll missing in {folder}");
            }

            var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, assembly + ".runtimeconfig.json")))!;
            Assert.Equal("Microsoft.NETCore.App", runtimeConfig["runtimeOptions"]!["framework"]!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Lint_SynthesizedTemplates_PassCdkNagAndBothAslLinters()
    {
        var (exitCode, stdout, stderr) = ProcessRunner.Run("node", ["tests/lint/lint-templates.mjs", _app.OutDir, "--json"], ToolTimeout, Repository.Root);

        using var report = JsonDocument.Parse(stdout);
        var nag = report.RootElement.GetProperty("nag");
        var asl = report.RootElement.GetProperty("asl");
        Assert.True(nag.GetArrayLength() == 0, "cdk-nag findings: " + nag);
        Assert.True(asl.GetArrayLength() == 0, "ASL problems: " + asl);
        Assert.Equal(10, report.RootElement.GetProperty("stateMachines").GetInt32());
        Assert.Equal(0, report.RootElement.GetProperty("errors").GetArrayLength());
        Assert.True(exitCode == 0, stderr);
    }

    [Theory]
    [InlineData("webapp-staging")]
    [InlineData("webapp-production")]
    public void Synth_AwsCustomResourceProvider_RunsOnARuntimeLambdaStillCreates(string stack)
    {
        var template = Template(stack);
        var provider = template.Resources("AWS::Lambda::Function")
            .Single(f => f.Key.StartsWith(AwsCustomResourceProvider.ConstructId, StringComparison.Ordinal)).Value;

        // nodejs20.x (CDK 2.160's choice) can no longer be created; nodejs24.x can until 2028-06-01.
        Assert.Equal("nodejs24.x", provider["Properties"]!["Runtime"]!.GetValue<string>());
        Assert.Null(template.Root["Mappings"]?[AwsCustomResourceProvider.RuntimeMapId]);
    }

    [Fact]
    public void Lint_SynthesizedTemplates_PassCfnLintWithEveryExceptionReasoned()
    {
        var templates = Directory.GetFiles(_app.OutDir, "*.template.json").Order(StringComparer.Ordinal).ToArray();

        var (exitCode, stdout, stderr) = CfnLint(templates);

        using var report = JsonDocument.Parse(stdout);
        var findings = report.RootElement.EnumerateArray().Select(f =>
        {
            var message = f.GetProperty("Message").GetString()!;
            return $"{f.GetProperty("Rule").GetProperty("Id").GetString()} ({f.GetProperty("Level").GetString()}) {f.GetProperty("Filename").GetString()} "
                + $"{string.Join('/', f.GetProperty("Location").GetProperty("Path").EnumerateArray())}: {(message.Length > 200 ? message[..200] + "…" : message)}";
        }).ToList();
        Assert.Equal(_app.Stacks.Count, templates.Length);
        Assert.True(findings.Count == 0, $"cfn-lint findings (errors and warnings) in {_app.OutDir}:\n" + string.Join("\n", findings));
        Assert.True(exitCode == 0, $"cfn-lint exited {exitCode}: {stderr}");

        // Every exception the constructs acknowledge carries its reason (CfnLintExceptions).
        var exceptions = templates.SelectMany(t => TemplateJson.FromFile(t).Root["Resources"]!.AsObject()
            .Where(r => r.Value!["Metadata"]?["cfn-lint"] is not null)
            .SelectMany(r => TemplateJson.Strings(r.Value!["Metadata"]!["cfn-lint"]!["config"]?["ignore_checks"])
                .Select(rule => (Where: $"{Path.GetFileName(t)} {r.Key} {rule}", Reason: r.Value!["Metadata"]!["cfn-lint"]!["reasons"]?[rule]?.GetValue<string>()))))
            .ToList();
        Assert.NotEmpty(exceptions);
        var unreasoned = exceptions.Where(e => e.Reason is not { Length: >= 20 }).Select(e => e.Where).ToList();
        Assert.True(unreasoned.Count == 0, "cfn-lint exceptions without a reason: " + string.Join(", ", unreasoned));
    }

    /// <summary>Runs cfn-lint (JSON output) over the templates; fails the test with a clear message if it is not installed.</summary>
    private static ProcessResult CfnLint(string[] templates)
    {
        try
        {
            return ProcessRunner.Run("cfn-lint", new[] { "--format", "json", "--" }.Concat(templates), ToolTimeout, Repository.Root);
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"cfn-lint is not installed or not on PATH ({e.Message}). Install AWS's CloudFormation linter: python3 -m pip install 'cfn-lint==1.51.*'");
            throw;
        }
    }
}
