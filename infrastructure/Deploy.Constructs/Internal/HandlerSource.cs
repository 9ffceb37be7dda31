using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Where the decision handlers' sources are, and a fingerprint of them. The asset hash is that fingerprint,
/// so any change to a handler, to a project it references (the shared contracts, the request rules) or to the
/// build settings gives a new asset: a deployed function is never stale, and an unchanged one is not bundled again.
/// </summary>
internal static class HandlerSource
{
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

    /// <summary>
    /// SHA-256 over the sources (without bin/obj) of the handler project and of every project it references,
    /// directly or not, and the root build files.
    /// </summary>
    public static string Fingerprint(string projectPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = Root();
        var files = SourceDirectories(projectPath)
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

    /// <summary>The folder of the project and of every project it references through <c>ProjectReference</c>, transitively.</summary>
    public static IReadOnlyList<string> SourceDirectories(string projectPath)
    {
        var projects = new List<string>();
        var pending = new Queue<string>([Path.GetFullPath(projectPath)]);
        while (pending.TryDequeue(out var project))
        {
            if (projects.Contains(project))
            {
                continue;
            }

            projects.Add(project);
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', '/')
                    ?? throw new InvalidOperationException($"A ProjectReference in {project} has no Include.");
                pending.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)));
            }
        }

        return projects.Select(p => Path.GetDirectoryName(p)!).ToList();
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }
}
