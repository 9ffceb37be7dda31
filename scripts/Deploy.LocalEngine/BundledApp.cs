using System.Text.Json;
using Deploy.App;

namespace Deploy.LocalEngine;

/// <summary>
/// Synthesizes the repository's bundled CDK app (every environment, the context of its cdk.json) without bundling
/// the handlers (the simulated world runs them in-process), as <c>--synth</c> does.
/// </summary>
internal static class BundledApp
{
    public static void Synthesize(string repositoryRoot, string outDir)
    {
        System.Environment.SetEnvironmentVariable("CDK_DISABLE_VERSION_CHECK", "true");
        Directory.CreateDirectory(outDir);
        CdkJson.SynthesizeOffline(outDir, CdkJson.ReadContext(Path.Combine(repositoryRoot, "cdk.json")));
    }
}
