using Deploy.Constructs.Internal;

namespace Deploy.Infrastructure.Tests.Internal;

public class HandlerSourceTests
{
    [Fact]
    public void SourceDirectories_ValidateRequest_IncludesTheRulesAndTheContractsItReferences()
    {
        var directories = HandlerSource.SourceDirectories(HandlerSource.Project("Deploy.ValidateRequest"));

        Assert.Equal(
            new[] { "Deploy.Contracts", "Deploy.Rules", "Deploy.ValidateRequest" },
            directories.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fingerprint_ChangeInATransitivelyReferencedProject_GivesANewFingerprint()
    {
        var lambdas = Directory.CreateTempSubdirectory("deploy-handler-source-").FullName;
        var previous = Environment.GetEnvironmentVariable("DEPLOY_HANDLER_SOURCE_ROOT");
        try
        {
            Environment.SetEnvironmentVariable("DEPLOY_HANDLER_SOURCE_ROOT", lambdas);
            var handler = Project(lambdas, "Handler", "../Rules/Rules.csproj");
            Project(lambdas, "Rules", "../Contracts/Contracts.csproj");
            Project(lambdas, "Contracts");
            Project(lambdas, "Unrelated");

            var before = HandlerSource.Fingerprint(handler);
            File.WriteAllText(Path.Combine(lambdas, "Unrelated", "Code.cs"), "// changed");
            var afterUnrelated = HandlerSource.Fingerprint(handler);
            File.WriteAllText(Path.Combine(lambdas, "Contracts", "Code.cs"), "// changed");
            var afterContracts = HandlerSource.Fingerprint(handler);

            Assert.Equal(before, afterUnrelated);
            Assert.NotEqual(before, afterContracts);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DEPLOY_HANDLER_SOURCE_ROOT", previous);
            Directory.Delete(lambdas, recursive: true);
        }
    }

    private static string Project(string lambdas, string name, params string[] references)
    {
        var folder = Directory.CreateDirectory(Path.Combine(lambdas, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "Code.cs"), "// original");
        var path = Path.Combine(folder, name + ".csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                {string.Concat(references.Select(r => $"<ProjectReference Include=\"{r}\" />"))}
              </ItemGroup>
            </Project>
            """);
        return path;
    }
}
