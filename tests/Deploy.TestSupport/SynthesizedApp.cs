using Amazon.CDK;
using Deploy.App;

namespace Deploy.TestSupport;

/// <summary>
/// The repository's bundled app (one stack per environment of its cdk.json, with that file's context) synthesized for
/// the tests that read a cloud assembly: <see cref="Offline"/> once for every test project of a run, <see cref="Bundled"/>
/// once per test process. Both folders are shared: read them, never change or delete them.
/// </summary>
public sealed class SynthesizedApp
{
    private static readonly Lazy<SynthesizedApp> OfflineApp = new(() =>
    {
        var (outDir, stacks) = SynthCache.GetOrCreate("offline", outDir =>
            CdkJson.SynthesizeOffline(outDir, CdkJsonContext()).Select(s => s.StackName).ToList());
        return new SynthesizedApp(outDir, stacks);
    });

    private static readonly Lazy<SynthesizedApp> BundledApp = new(SynthesizeBundled);

    private SynthesizedApp(string outDir, IReadOnlyList<string> stacks)
    {
        OutDir = outDir;
        Stacks = stacks;
    }

    /// <summary>
    /// The app as the local engine and the rehearsal read it: handler bundling skipped (placeholder assets). Synthesized
    /// once per run across test processes (<see cref="SynthCache"/>: a file lock, and a key of every input, so a change of
    /// the app's assemblies, cdk.json or the handler sources is never hidden by an earlier run's output).
    /// </summary>
    public static SynthesizedApp Offline => OfflineApp.Value;

    /// <summary>
    /// The app exactly as <c>cdk synth</c> makes it: real bundling of the handlers (dotnet publish), synthesized once
    /// per test process into a temp folder deleted when the process ends. Not shared across processes: it is the
    /// bundling itself that its readers test.
    /// </summary>
    public static SynthesizedApp Bundled => BundledApp.Value;

    /// <summary>
    /// A synthesis shared by the test processes of a run, like <see cref="Offline"/>'s: the folder of <paramref name="kind"/>
    /// for the current inputs (the app's assemblies, cdk.json, the handler sources, the CDK's environment), synthesized
    /// by <paramref name="synthesize"/> when no process made it yet. <paramref name="kind"/> must name everything else
    /// the synthesis depends on (the rehearsal's setting overrides). Read the folder, never change or delete it.
    /// </summary>
    /// <param name="kind">What is synthesized, safe in a file name.</param>
    /// <param name="synthesize">Synthesizes into the folder it is given; returns the stack names.</param>
    /// <returns>The folder and its stack names.</returns>
    public static (string OutDir, IReadOnlyList<string> Stacks) Shared(string kind, Func<string, IReadOnlyList<string>> synthesize) =>
        SynthCache.GetOrCreate(kind, synthesize);

    /// <summary>The cloud assembly folder (<c>cdk.out</c>).</summary>
    public string OutDir { get; }

    /// <summary>The stack names, in the order the app builds them.</summary>
    public IReadOnlyList<string> Stacks { get; }

    /// <summary>The context of the repository's cdk.json, as the CDK CLI passes it to the app.</summary>
    /// <returns>A fresh copy: callers may change it.</returns>
    public static Dictionary<string, object> CdkJsonContext() => CdkJson.ReadContext(Path.Combine(Repository.Root, "cdk.json"));

    /// <summary>The template file of <paramref name="stackName"/>.</summary>
    /// <param name="stackName">One of <see cref="Stacks"/>.</param>
    /// <returns>Its path in <see cref="OutDir"/>.</returns>
    public string TemplateFile(string stackName) => Path.Combine(OutDir, stackName + ".template.json");

    private static SynthesizedApp SynthesizeBundled()
    {
        OfflineEnvironment.Apply();
        var outDir = Directory.CreateTempSubdirectory("deploy-synth-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => SynthCache.TryDelete(outDir);
        var app = new Amazon.CDK.App(new AppProps { Outdir = outDir, Context = CdkJsonContext() });
        var stacks = AppBuilder.Build(app).Select(s => s.StackName).ToList();
        app.Synth();
        return new SynthesizedApp(outDir, stacks);
    }
}
