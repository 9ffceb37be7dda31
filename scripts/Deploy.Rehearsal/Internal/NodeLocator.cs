namespace Deploy.Rehearsal.Internal;

/// <summary>Finds the Node.js executable and the repository files the engine needs.</summary>
internal static class NodeLocator
{
    public static string FindNode(string? configured)
    {
        if (configured is not null)
        {
            return File.Exists(configured)
                ? configured
                : throw new RehearsalException($"The configured Node.js executable '{configured}' does not exist.");
        }

        var names = OperatingSystem.IsWindows() ? new[] { "node.exe", "node.cmd" } : new[] { "node" };
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory.Trim('"'), name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new RehearsalException(
            "Node.js ('node') was not found on PATH. The rehearsal engine runs aws-local-stepfunctions in Node.js 20 or later: "
            + "install Node.js, run `npm ci` in the repository root, or set RehearsalEngineOptions.NodeExecutable.");
    }

    /// <summary>The full path of a file under the repository root; throws with <paramref name="hint"/> when it is missing.</summary>
    public static string RequireFile(string repositoryRoot, string relativePath, string hint)
    {
        var full = Path.Combine(repositoryRoot, relativePath.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(full)
            ? full
            : throw new RehearsalException($"'{relativePath}' was not found under the repository root '{repositoryRoot}'. {hint}");
    }

    /// <summary>Checks that <c>npm ci</c> has installed aws-local-stepfunctions.</summary>
    public static void RequireEnginePackage(string repositoryRoot) =>
        RequireFile(repositoryRoot, "node_modules/aws-local-stepfunctions/package.json", "Run `npm ci` in the repository root.");
}
