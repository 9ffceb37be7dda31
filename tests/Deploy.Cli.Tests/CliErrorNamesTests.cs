using System.Text.RegularExpressions;

namespace Deploy.Cli.Tests;

public partial class CliErrorNamesTests
{
    [Fact]
    public void All_EveryName_IsInTheReadmeExitCodeTableWithItsExitCode()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var table = readme[readme.IndexOf("| exit code | `error.name`", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];

        // Each row: | `N` | names… | meaning |; every name of the CLI is listed on the row of its exit code, and nothing else is.
        var listed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match row in Row().Matches(table))
        {
            foreach (Match name in Name().Matches(row.Groups["names"].Value))
            {
                listed[name.Groups[1].Value] = int.Parse(row.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Assert.Equal(Enum.GetValues<ExitCode>().Select(c => (int)c).Order(), Row().Matches(table).Select(r => int.Parse(r.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(CliErrorNames.All.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, (int)n.Value)),
            listed.Where(n => !n.Key.StartsWith("Deploy.", StringComparison.Ordinal)).OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, n.Value)));
    }

    [GeneratedRegex(@"^\| `(?<code>\d)` \| (?<names>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"`([A-Z][A-Za-z.]*)`")]
    private static partial Regex Name();
}
