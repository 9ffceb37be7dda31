namespace Deploy.TestSupport;

/// <summary>The checkout the tests run from: the folder holding <c>Deploy.sln</c>.</summary>
public static class Repository
{
    /// <summary>The file that marks the repository root.</summary>
    public const string Marker = "Deploy.sln";

    private static readonly Lazy<string> Found = new(() => Find(AppContext.BaseDirectory));

    /// <summary>
    /// The repository root: the first folder holding <see cref="Marker"/> from the test assembly's folder upwards,
    /// found once per test run.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No folder above the test assembly holds <see cref="Marker"/>; the message lists every folder looked in.</exception>
    public static string Root => Found.Value;

    private static string Find(string start)
    {
        var looked = new List<string>();
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }

            looked.Add(Path.TrimEndingDirectorySeparator(dir.FullName));
        }

        throw new DirectoryNotFoundException(
            $"The repository root (the folder holding {Marker}) was not found above the test assembly in {Path.TrimEndingDirectorySeparator(start)}; "
            + $"looked in {string.Join(", ", looked)}. Run the tests from a checkout of the repository.");
    }
}
