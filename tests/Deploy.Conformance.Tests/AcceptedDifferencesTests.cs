using System.Text.RegularExpressions;
using Deploy.Conformance.Tests.Replay;
using Xunit.Abstractions;

namespace Deploy.Conformance.Tests;

[Collection(nameof(ConformanceCollection))]
public class AcceptedDifferencesTests(ConformanceFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void AcceptedDifferences_EveryEntry_CitesAwsDocumentationAndIsSeen()
    {
        // Arrange
        var seen = fixture.AllDifferences().ToList();

        // Act
        var problems = new List<string>();
        foreach (var entry in fixture.Accepted)
        {
            if (!entry.DecidedBy.StartsWith("https://docs.aws.amazon.com/", StringComparison.Ordinal))
            {
                problems.Add($"{entry.Id}: decidedBy must be an AWS documentation page, not '{entry.DecidedBy}'");
            }

            if (entry.Why is not (AcceptedDifference.MotoDeviates or AcceptedDifference.UnreadOmission or AcceptedDifference.NotReplayable))
            {
                problems.Add($"{entry.Id}: why '{entry.Why}' is none of {AcceptedDifference.MotoDeviates}, {AcceptedDifference.UnreadOmission}, {AcceptedDifference.NotReplayable}");
            }

            if (!Difference.Kinds.Contains(entry.Kind))
            {
                problems.Add($"{entry.Id}: kind '{entry.Kind}' is none of {string.Join(", ", Difference.Kinds)}");
            }

            foreach (var path in entry.Paths)
            {
                if (!seen.Any(d => entry.Accepts(d, [path])))
                {
                    problems.Add($"{entry.Id}: no replayed call shows {entry.Kind} {path} any more; remove it from AcceptedDifferences.json and the README");
                }
            }

            output.WriteLine($"{entry.Id}: {seen.Count(entry.Accepts)} differences accepted");
        }

        // Assert
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AcceptedDifferences_UnreadOmissions_AreReadByNoFlowOrHandler()
    {
        // Arrange
        var omissions = fixture.Accepted.Where(a => a.Why == AcceptedDifference.UnreadOmission).ToList();

        // Act
        var read = omissions
            .SelectMany(a => a.Paths.Select(p => (a.Id, Member: p.Split('.')[^1].TrimEnd(']', '['))))
            .Where(m => fixture.Readers.Contains(m.Member))
            .ToList();

        // Assert
        Assert.NotEmpty(omissions);
        Assert.True(read.Count == 0, "the world leaves out members the flows or handlers read; add them to the world's answers: "
            + string.Join(", ", read.Select(r => $"{r.Member} ({r.Id})")));
    }

    [Fact]
    public void Readme_ConformanceSection_ListsEveryAcceptedDifferenceWithItsDocumentation()
    {
        // Arrange
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var start = readme.IndexOf("## Conformance with moto", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Conformance with moto' section");
        var next = Regex.Match(readme[(start + 3)..], @"^## ", RegexOptions.Multiline);
        var section = next.Success ? readme.Substring(start, next.Index + 3) : readme[start..];

        // Act
        var missing = fixture.Accepted.Where(a => !section.Contains($"`{a.Id}`", StringComparison.Ordinal) || !section.Contains(a.DecidedBy, StringComparison.Ordinal)).ToList();
        var extra = Regex.Matches(section, @"^\| `([a-z0-9-]+)`", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Where(id => fixture.Accepted.All(a => a.Id != id)).ToList();

        // Assert
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"README's conformance table is out of date; missing: {string.Join(", ", missing.Select(m => m.Id))}; not in AcceptedDifferences.json: {string.Join(", ", extra)}");
    }
}
