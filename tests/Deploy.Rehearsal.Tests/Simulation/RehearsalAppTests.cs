using System.Text.Json.Nodes;
using Deploy.Rehearsal.Simulation;

namespace Deploy.Rehearsal.Tests.Simulation;

/// <summary>The rehearsal's app synthesizes once per environment and settings for a store, whoever asks.</summary>
/// <remarks>In the scenario collection: the CDK's jsii runtime serves one caller per process, so syntheses run one after another.</remarks>
[Collection(nameof(ScenarioCollection))]
public class RehearsalAppTests
{
    [Fact]
    public void Stack_OneStoreTwoApps_OneSynthesisPerEnvironmentAndSettings()
    {
        // Arrange: a store of its own (the run's shared one may already hold these).
        var asked = new List<string>();
        var kept = new Dictionary<string, (string OutDir, IReadOnlyList<string> Stacks)>(StringComparer.Ordinal);
        var root = Directory.CreateTempSubdirectory("rehearsal-app-tests-").FullName;
        (string, IReadOnlyList<string>) Store(string kind, Func<string, IReadOnlyList<string>> synthesize)
        {
            asked.Add(kind);
            if (!kept.TryGetValue(kind, out var entry))
            {
                var outDir = Directory.CreateDirectory(Path.Combine(root, kind)).FullName;
                entry = kept[kind] = (outDir, synthesize(outDir));
            }

            return entry;
        }

        try
        {
            var first = new RehearsalApp(Repository.Root, Store);
            var second = new RehearsalApp(Repository.Root, Store);
            var slowBake = new JsonObject { ["bakeTimeMinutes"] = 45 };

            // Act
            var plain = first.Stack("staging", null);
            var again = first.Stack("staging", null);
            var elsewhere = second.Stack("staging", null);
            var baked = second.Stack("staging", slowBake);
            var bakedAgain = first.Stack("staging", (JsonObject)slowBake.DeepClone());

            // Assert: resolved once per app, synthesized once per store; the settings are part of what is kept.
            Assert.Same(plain, again);
            Assert.Equal(2, kept.Count);
            Assert.Equal(4, asked.Count);
            Assert.Equal(asked[0], asked[1]);
            Assert.NotEqual(asked[0], asked[2]);
            Assert.Equal(asked[2], asked[3]);
            Assert.All(asked, kind => Assert.StartsWith("rehearsal-staging-", kind, StringComparison.Ordinal));
            Assert.Equal(plain.Definition("Deploy").ToJsonString(), elsewhere.Definition("Deploy").ToJsonString());
            Assert.Equal(baked.Definition("Deploy").ToJsonString(), bakedAgain.Definition("Deploy").ToJsonString());
            Assert.NotEqual(plain.Definition("Deploy").ToJsonString(), baked.Definition("Deploy").ToJsonString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
