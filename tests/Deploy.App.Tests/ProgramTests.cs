using System.Text.Json;

namespace Deploy.App.Tests;

public class ProgramTests
{
    [Fact]
    public void Main_UnknownEnvironment_PrintsKnownOnesAndExitsNonZero()
    {
        // Arrange: run the app as the CDK CLI does, with -c env=prod.
        var context = SynthesizedApp.CdkJsonContext();
        context["env"] = "prod";
        var outDir = Directory.CreateTempSubdirectory("deploy-program-").FullName;
        var app = Path.Combine(AppContext.BaseDirectory, "Deploy.App.dll");

        // Act
        var (exitCode, _, stderr) = ProcessRunner.Run("dotnet", [app], TimeSpan.FromMinutes(2), Repository.Root, new Dictionary<string, string>
        {
            ["CDK_CONTEXT_JSON"] = JsonSerializer.Serialize(context),
            ["CDK_OUTDIR"] = outDir,
        });

        // Assert: one clear line, no stack trace, and nothing synthesized.
        Assert.Equal(1, exitCode);
        Assert.Equal("error: env: unknown environment \"prod\"; known environments: staging, production.", stderr.Trim());
        Assert.Empty(Directory.GetFiles(outDir, "*.template.json"));
    }
}
