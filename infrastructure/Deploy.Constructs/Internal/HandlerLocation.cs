namespace Deploy.Constructs.Internal;

/// <summary>
/// Where synth takes a handler from. A packaged handler comes first: <c>dotnet pack</c> publishes every handler into
/// the package (lambda/&lt;rid&gt;/&lt;handler&gt;/, see packaging/HandlerPackaging.targets) and the package's build file
/// copies it next to this library's assembly, so an app that references the package needs no sources. Otherwise the
/// handler is bundled from the sources of a checkout (<see cref="HandlerSource"/>), found from the assembly upwards.
/// <see cref="HandlerSource.RootVariable"/> names the sources explicitly and then wins over a packaged handler.
/// </summary>
/// <param name="PackagedDirectory">The published handler to use as it is, or null.</param>
/// <param name="SourceProject">The handler's project to bundle from, or null.</param>
internal sealed record HandlerLocation(string? PackagedDirectory, string? SourceProject)
{
    /// <summary>The folder of this library's assembly: the app's output folder when it references the package.</summary>
    public static string LibraryDirectory { get; } =
        Path.GetDirectoryName(typeof(HandlerLocation).Assembly.Location) is { Length: > 0 } directory ? directory : AppContext.BaseDirectory;

    /// <summary>Finds <paramref name="project"/> published for <paramref name="runtimeIdentifier"/>, from this library's assembly.</summary>
    public static HandlerLocation Find(string project, string runtimeIdentifier) =>
        Find(project, runtimeIdentifier, LibraryDirectory, Environment.GetEnvironmentVariable(HandlerSource.RootVariable));

    /// <summary>Finds a handler from <paramref name="libraryDirectory"/>; <paramref name="sourceRoot"/> is the <see cref="HandlerSource.RootVariable"/> override.</summary>
    /// <exception cref="InvalidOperationException">Neither a packaged handler nor its sources exist; the message names both places looked in.</exception>
    public static HandlerLocation Find(string project, string runtimeIdentifier, string libraryDirectory, string? sourceRoot)
    {
        var packaged = Packaged(libraryDirectory, runtimeIdentifier, project);
        if (sourceRoot is null && File.Exists(Path.Combine(packaged, project + ".dll")))
        {
            return new HandlerLocation(packaged, null);
        }

        var looked = new List<string>();
        if (HandlerSource.FindRoot(project, libraryDirectory, sourceRoot, looked) is { } root)
        {
            return new HandlerLocation(null, HandlerSource.Project(root, project));
        }

        var packagedLooked = sourceRoot is null ? $"packaged in {packaged} (where the Deploy.Constructs package's handlers are copied at build)" : $"packaged (skipped: {HandlerSource.RootVariable} is set)";
        throw new InvalidOperationException(
            $"Handler {project} ({runtimeIdentifier}) was found neither {packagedLooked} nor as sources in {string.Join(", ", looked)}. "
            + $"Reference the Deploy.Constructs package, build the library in a checkout of its repository, or set {HandlerSource.RootVariable} to that checkout's lambdas/ folder.");
    }

    /// <summary>Where a packaged handler is, relative to the library's assembly.</summary>
    public static string Packaged(string libraryDirectory, string runtimeIdentifier, string project) =>
        Path.Combine(libraryDirectory, "lambda", runtimeIdentifier, project);
}
