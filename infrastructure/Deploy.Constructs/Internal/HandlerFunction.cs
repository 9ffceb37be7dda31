using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Deploy.Constructs.Internal;

/// <summary>
/// One decision handler as a Lambda function on the managed <c>dotnet10</c> runtime. The handlers read and
/// write JSON only (no AWS calls), so the role may write its own log group and X-Ray segments, nothing else.
/// </summary>
internal static class HandlerFunction
{
    /// <summary>The managed .NET 10 runtime; CDK 2.160 predates it, so it is named here.</summary>
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    public static Function Create(Construct scope, string id, string project, Architecture architecture, string description)
    {
        var logGroup = new LogGroup(scope, id + "Logs", new LogGroupProps
        {
            Retention = RetentionDays.THREE_MONTHS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        var role = new Role(scope, id + "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"Runs the {project} decision handler: logs and traces only.",
        });
        logGroup.GrantWrite(role);

        var rid = architecture.Name == Architecture.ARM_64.Name ? "linux-arm64" : "linux-x64";
        var location = HandlerLocation.Find(project, rid);
        var code = location.PackagedDirectory is { } packaged
            // Published when the package was packed; the asset hash is that of the folder's files.
            ? Code.FromAsset(packaged)
            : FromSource(project, location.SourceProject!, rid);

        var function = new Function(scope, id, new FunctionProps
        {
            Runtime = Dotnet10,
            Architecture = architecture,
            Handler = $"{project}::{project}.Function::Handler",
            Code = code,
            MemorySize = 512,
            Timeout = Duration.Seconds(10),
            Tracing = Tracing.ACTIVE,
            Role = role,
            LogGroup = logGroup,
            Description = description,
        });

        NagSuppressions.Add(role.Node.FindChild("DefaultPolicy"),
            ("AwsSolutions-IAM5", "X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions, so their resource is *."));
        // CDK lists the role in DependsOn next to its default policy, duplicating the GetAtt of Role (W3005).
        CfnLintExceptions.AcknowledgeRoleDependency(function);
        return function;
    }

    /// <summary>The handler bundled at synth from its sources (a checkout of this repository).</summary>
    private static Code FromSource(string project, string projectPath, string rid) =>
        Code.FromAsset(Path.GetDirectoryName(projectPath)!, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.CUSTOM,
            // The suffix names the runtime and the publish recipe: changing either gives a new asset.
            AssetHash = HandlerSource.Fingerprint(projectPath) + "-" + rid + "-" + DotnetPublishBundling.Recipe,
            Bundling = new BundlingOptions
            {
                // Required by BundlingOptions, never run: the local bundling publishes or fails with its reason and never
                // hands over to Docker (a container given only this project's folder would lack its sibling projects and the
                // repository's central package versions). A C# CDK app synthesizes under the .NET SDK, so the SDK is there.
                Image = DockerImage.FromRegistry("mcr.microsoft.com/dotnet/sdk:10.0"),
                Command = new[] { "bash", "-c", $"dotnet publish {project}.csproj -c Release -r {rid} --self-contained false -o /asset-output" },
                Local = new DotnetPublishBundling(projectPath, rid),
            },
        });
}
