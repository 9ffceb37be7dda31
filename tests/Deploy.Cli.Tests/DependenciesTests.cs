using System.Text.Json.Nodes;

namespace Deploy.Cli.Tests;

/// <summary>What the CLI is built from, read from its deps file (its whole project-reference closure).</summary>
public class DependenciesTests
{
    [Fact]
    public void DepsFile_ProjectClosure_HasTheRequestRulesAndNoLambdaHandler()
    {
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy-pipeline.deps.json")))!;

        var projects = deps["libraries"]!.AsObject()
            .Where(l => l.Value!["type"]!.GetValue<string>() == "project")
            .Select(l => l.Key.Split('/')[0])
            .ToList();

        Assert.Contains("Deploy.Rules", projects);
        Assert.Contains("Deploy.Contracts", projects);
        foreach (var handler in new[] { "Deploy.ValidateRequest", "Deploy.HealthCheck", "Deploy.LaunchTemplateRevert" })
        {
            Assert.DoesNotContain(handler, projects);
        }
    }
}
