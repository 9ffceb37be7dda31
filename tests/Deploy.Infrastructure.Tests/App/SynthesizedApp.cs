using System.Text.Json;
using Deploy.App;
using Deploy.Infrastructure.Tests.TestSupport;

namespace Deploy.Infrastructure.Tests.App;

/// <summary>
/// The bundled app synthesized once per test run, exactly as <c>cdk synth</c> does it: the context of the
/// repository's cdk.json and real bundling of the three handlers (dotnet publish).
/// </summary>
internal sealed class SynthesizedApp : IDisposable
{
    public SynthesizedApp()
    {
        OfflineEnvironment.Apply();
        OutDir = Directory.CreateTempSubdirectory("deploy-synth-").FullName;
        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = OutDir, Context = CdkJsonContext() });
        Stacks = AppBuilder.Build(app).Select(s => s.StackName).ToList();
        app.Synth();
    }

    public string OutDir { get; }

    public IReadOnlyList<string> Stacks { get; }

    public TemplateJson Template(string stackName) => TemplateJson.FromFile(Path.Combine(OutDir, stackName + ".template.json"));

    public static Dictionary<string, object> CdkJsonContext() => CdkJson.ReadContext(Path.Combine(Repository.Root, "cdk.json"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(OutDir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
