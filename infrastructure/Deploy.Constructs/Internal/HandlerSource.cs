using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Deploy.Constructs.Internal;

/// <summary>
/// Where the decision handlers' sources are (in a checkout of this repository), and a fingerprint of them. The asset hash is that fingerprint,
/// so any change to a handler, to a project it references (the shared contracts, the request rules) or to the
/// build settings gives a new asset: a deployed function is never stale, and an unchanged one is not bundled again.
/// </summary>
internal static class HandlerSource
{
    /// <summary>The variable that names the <c>lambdas/</c> folder to bundle from, wherever this library was built.</summary>
    public const string RootVariable = "DEPLOY_HANDLER_SOURCE_ROOT";

    /// <summary>The handler's project in the <c>lambdas/</c> folder found from this library's assembly (see <see cref="FindRoot"/>).</summary>
    public static string Project(string name)
    {
        var looked = new List<string>();
        var root = FindRoot(name, HandlerLocation.LibraryDirectory, Environment.GetEnvironmentVariable(RootVariable), looked)
            ?? throw new InvalidOperationException($"The sources of handler {name} were not found; looked in {string.Join(", ", looked)}.");
        return Project(root, name);
    }

    public static string Project(string root, string name) => Path.Combine(root, name, name + ".csproj");

    /// <summary>
    /// The <c>lambdas/</c> folder holding <paramref name="name"/>: <paramref name="rootOverride"/> when given
    /// (<see cref="RootVariable"/>), else the first <c>lambdas/</c> folder from <paramref name="startDirectory"/> upwards
    /// (in a checkout, the library's assembly is built below the repository root). Null when there is none;
    /// <paramref name="looked"/> then lists every folder looked in.
    /// </summary>
    public static string? FindRoot(string name, string startDirectory, string? rootOverride, List<string> looked)
    {
        var candidates = rootOverride is not null
            ? [Path.GetFullPath(rootOverride)]
            : Ancestors(startDirectory).Select(d => Path.Combine(d, "lambdas"));
        foreach (var root in candidates)
        {
            if (File.Exists(Project(root, name)))
            {
                return root;
            }

            looked.Add(root);
        }

        return null;
    }

    /// <summary>
    /// SHA-256 over the sources (without bin/obj) of the handler project and of every project it references,
    /// directly or not, and the root build files.
    /// </summary>
    public static string Fingerprint(string projectPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The lambdas/ folder: the project is lambdas/<name>/<name>.csproj.
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(projectPath)))!;
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

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }
}
