using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Where the decision handlers' sources are, and a fingerprint of them. The asset hash is that fingerprint,
/// so any change to a handler, to the shared contracts or to the build settings gives a new asset: a deployed
/// function is never stale, and an unchanged one is not bundled again.
/// </summary>
internal static class HandlerSource
{
    public const string ContractsProject = "Deploy.Contracts";

    /// <summary>The repository's <c>lambdas/</c> folder, recorded at build time in the assembly metadata.</summary>
    public static string Root()
    {
        var recorded = typeof(HandlerSource).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "HandlerSourceRoot")?.Value;
        var root = Environment.GetEnvironmentVariable("DEPLOY_HANDLER_SOURCE_ROOT") ?? recorded;
        if (root is null || !Directory.Exists(root))
        {
            throw new InvalidOperationException(
                $"The handler sources were not found at \"{root}\". Build Deploy.Constructs from its repository, or set DEPLOY_HANDLER_SOURCE_ROOT to the lambdas/ folder.");
        }

        return Path.GetFullPath(root);
    }

    public static string Project(string name) => Path.Combine(Root(), name, name + ".csproj");

    /// <summary>SHA-256 over the handler's and the contracts' sources (without bin/obj) and the root build files.</summary>
    public static string Fingerprint(params string[] directories)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = Root();
        var files = directories
            .Append(Path.Combine(root, ContractsProject))
            .Distinct()
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !IsBuildOutput(f))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }
                .Select(f => Path.Combine(root, "..", f)).Where(File.Exists))
            .Select(Path.GetFullPath)
            .Distinct()
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }
}
