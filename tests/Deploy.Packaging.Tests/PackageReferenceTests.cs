using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Deploy.Packaging.Tests;

/// <summary>
/// The library as a platform engineer uses it from outside this checkout: packed, referenced by a CDK app in a folder
/// of its own through a local package source, synthesized there. One pack, one restore, one real synth (minutes).
/// </summary>
public class PackageReferenceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Synth_AppReferencingThePackedLibrary_DeploysThePackagedHandlers()
    {
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("deploy-package-reference-");
        try
        {
            // Arrange: the package (a version of its own, so no cached copy of another build can stand in for it)...
            var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            var packages = Path.Combine(work.FullName, "packages");
            var pack = await Run(work.FullName, "dotnet", ["pack", Path.Combine(Repository.Root, "infrastructure", "Deploy.Constructs"), "-c", "Release", "-o", packages, $"-p:Version={version}", "--disable-build-servers"]);
            Assert.True(pack.Code == 0, pack.Out + pack.Err);
            output.WriteLine($"pack: {clock.Elapsed}");

            // ...and an app outside the repository that references it from the local folder, next to the machine's sources.
            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
            var machinePackages = (await Run(app, "dotnet", ["nuget", "locals", "global-packages", "--list"])).Out.Split(": ", 2)[1].Trim();
            WriteApp(app, version, packages, machinePackages);

            // Act: synthesize as `cdk synth` runs the app (CDK_OUTDIR), with this repository out of reach.
            var outDir = Path.Combine(work.FullName, "cdk.out");
            var synth = await Run(app, "dotnet", ["run", "--project", Path.Combine(app, "App.csproj"), "--disable-build-servers"], new Dictionary<string, string?>
            {
                ["CDK_OUTDIR"] = outDir,
                // The app's own package folder: the packed library is extracted there, never into the machine's cache.
                ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "nuget"),
                ["DEPLOY_HANDLER_SOURCE_ROOT"] = null,
            });
            Assert.True(synth.Code == 0, synth.Out + synth.Err);
            output.WriteLine($"pack + restore + build + synth: {clock.Elapsed}");

            // Assert: every function's asset is its published handler, for the function's architecture.
            var template = TemplateJson.FromFile(Path.Combine(outDir, "consumer.template.json"));
            var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "consumer.assets.json")))!;
            var functions = template.Resources("AWS::Lambda::Function")
                .Where(f => f.Value["Properties"]!["Runtime"] is JsonValue v && v.GetValue<string>() == "dotnet10")
                .Select(f => f.Value["Properties"]!)
                .ToList();
            Assert.Equal(
                new[] { "Deploy.HealthCheck", "Deploy.LaunchTemplateRevert", "Deploy.UpdateGuard", "Deploy.ValidateRequest" },
                functions.Select(Handler).Order(StringComparer.Ordinal));
            foreach (var function in functions)
            {
                var handler = Handler(function);
                // The staged folder as the assets manifest names it (asset.<hash>.<extension of the source folder>).
                var hash = function["Code"]!["S3Key"]!.GetValue<string>().Replace(".zip", "", StringComparison.Ordinal);
                var asset = Path.Combine(outDir, assets["files"]![hash]!["source"]!["path"]!.GetValue<string>());
                var arm = TemplateJson.Strings(function["Architectures"]).Contains("arm64");
                Assert.True(File.Exists(Path.Combine(asset, handler + ".dll")), $"{handler}.dll missing in {asset}");
                Assert.True(File.Exists(Path.Combine(asset, "Deploy.Contracts.dll")), $"Deploy.Contracts.dll missing in {asset}");
                var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(asset, handler + ".deps.json")))!;
                Assert.Equal(".NETCoreApp,Version=v10.0/" + (arm ? "linux-arm64" : "linux-x64"), deps["runtimeTarget"]!["name"]!.GetValue<string>());
            }

            // The pipeline's handlers run on arm64 in this app, the fleet's update guard on x86_64: both runtimes are packed.
            Assert.Equal(3, functions.Count(f => TemplateJson.Strings(f["Architectures"]).Contains("arm64")));
            output.WriteLine($"total: {clock.Elapsed}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Handler(JsonNode function) => function["Handler"]!.GetValue<string>().Split("::")[0];

    private static void WriteApp(string app, string version, string packages, string machinePackages)
    {
        File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <!-- The machine's sources (its NuGet.config) stay; the packed library comes from this folder. -->
              <packageSources>
                <add key="local" value="{packages}" />
              </packageSources>
              <!-- CDK and its dependencies are read from the machine's package folder, not downloaded again. -->
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RollForward>Major</RollForward>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Deploy.Constructs" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Amazon.CDK;
            using Amazon.CDK.AWS.EC2;
            using Amazon.CDK.AWS.Lambda;
            using Deploy.Constructs;

            var app = new App();
            var stack = new Stack(app, "consumer");
            var fleet = new BlueGreenFleet(stack, "Fleet", new BlueGreenFleetProps
            {
                Vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 }),
                LoadBalancer = new FleetLoadBalancerOptions(),
                MachineImage = MachineImage.GenericLinux(new Dictionary<string, string> { ["us-east-1"] = "ami-0123456789abcdef0" }),
            });
            new DeploymentPipeline(stack, "Pipeline", new DeploymentPipelineProps
            {
                Fleet = fleet,
                ApplicationName = "shop",
                EnvironmentName = "staging",
                HandlerArchitecture = Architecture.ARM_64,
            });
            app.Synth();
            """);
    }

    private static async Task<(int Code, string Out, string Err)> Run(string directory, string file, string[] args, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        OfflineEnvironment.ApplyTo(start);
        // A nested build must not reuse the MSBuild node of the parent `dotnet test`.
        start.Environment["MSBUILDNOINPROCNODE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{file} {string.Join(' ', args)}` did not finish within {StepTimeout}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
