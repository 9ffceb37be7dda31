using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.CDK;
using Deploy.App;
using Deploy.Constructs;
using Deploy.Contracts;

namespace Deploy.Infrastructure.Tests.Settings;

public class DeploymentSettingsTests
{
    private static readonly PropertyInfo[] ConfigurationProps = typeof(DeploymentConfiguration).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.Name != "EqualityContract").ToArray();

    [Fact]
    public void All_EveryDeploymentConfigurationProp_IsDeclaredOnceInItsOrder()
    {
        Assert.Equal(ConfigurationProps.Select(p => p.Name), DeploymentSettings.All.Select(s => s.Prop));
        Assert.Equal(DeploymentSettings.All.Count, DeploymentSettings.All.Select(s => s.ContextKey.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void All_EachSettingsAccessors_ReadAndWriteOnlyItsOwnProp()
    {
        foreach (var setting in DeploymentSettings.All)
        {
            // Arrange: a configuration with only this setting set, to a value other than its default.
            var configuration = Set(setting, new DeploymentConfiguration());

            // Assert: the prop of that name, and only it, is set, and the setting reads it back.
            var set = ConfigurationProps.Where(p => p.GetValue(configuration) is not null).Select(p => p.Name).ToList();
            Assert.Equal([setting.Prop], set);
            Assert.True(setting.IsSetIn(configuration), setting.Prop);
            Assert.False(setting.IsSetIn(new DeploymentConfiguration()), setting.Prop);
        }
    }

    [Fact]
    public void Inherit_UnsetSettings_ComeFromTheDefaultsAndSetOnesStay()
    {
        var own = new DeploymentConfiguration { CanaryPercentage = 20 };
        var defaults = new DeploymentConfiguration { CanaryPercentage = 5, GracePeriod = Duration.Minutes(10), ApprovalRequired = true };

        var merged = DeploymentSettings.Inherit(own, defaults);

        Assert.Equal(20, merged.CanaryPercentage);
        Assert.Equal(600, merged.GracePeriod!.ToSeconds());
        Assert.True(merged.ApprovalRequired);
        Assert.Null(merged.BakeTime);
    }

    [Fact]
    public void XmlDocs_EveryDeploymentConfigurationProp_StatesTheDeclaredDefault()
    {
        // Arrange: the library's documentation file, copied next to this test assembly with the reference.
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Deploy.Constructs.xml"));
        var summaries = docs.Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("P:Deploy.Constructs.DeploymentConfiguration.", StringComparison.Ordinal) == true)
            .ToDictionary(m => ((string)m.Attribute("name")!)["P:Deploy.Constructs.DeploymentConfiguration.".Length..],
                m => string.Join(' ', m.Element("summary")!.Value.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)));

        // Assert
        foreach (var setting in DeploymentSettings.All)
        {
            Assert.Contains($"Default: {setting.DefaultText}.", summaries[setting.Prop], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Readme_DeploymentConfigurationTable_IsTheDeclaredOne()
    {
        var expected = Table(["prop", "default", "allowed"], DeploymentSettings.All.Select(s => new[] { $"`{s.Prop}`", s.DefaultText, s.AllowedText }));

        AssertReadmeTable(PropsTableMarker, expected);
    }

    [Fact]
    public void Readme_EnvironmentsDeploymentSettingsTable_IsTheDeclaredOneWithTheBuiltInDefaults()
    {
        var staging = EnvironmentCatalog.Defaults["staging"].Deployment;
        var production = EnvironmentCatalog.Defaults["production"].Deployment;
        var expected = Table(["setting", "meaning", "staging default", "production default"],
            DeploymentSettings.All.Select(s => new[] { $"`{s.ContextKey}`", s.Meaning, s.ContextValueText(staging), s.ContextValueText(production) }));

        AssertReadmeTable(EnvironmentsTableMarker, expected);
    }

    [Fact]
    public void Readme_EnvironmentsStackSettingsTable_NamesEveryOtherFieldOfEnvironmentSettings()
    {
        var fields = typeof(EnvironmentSettings).GetProperties()
            .Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null
                && p.GetCustomAttribute<System.Text.Json.Serialization.JsonExtensionDataAttribute>() is null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Order(StringComparer.Ordinal);

        var named = ReadmeTable(StackTableMarker).Skip(2)
            .SelectMany(row => row.Split('|')[1].Split(',').Select(cell => cell.Trim().Trim('`')))
            .Order(StringComparer.Ordinal);

        Assert.Equal(fields, named);
    }

    [Fact]
    public void Readme_BlueGreenFleetPropsTable_NamesEveryPropAndNoOther()
    {
        var props = typeof(BlueGreenFleetProps).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract").Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var rows = ReadmeTable(FleetTableMarker).Skip(2).ToList();

        // The first column names props; a default may name the props it is made from (LaunchTemplate's MachineImage, …).
        var inFirstColumn = rows.SelectMany(row => Backticked(row.Split('|')[1])).ToList();
        var anywhere = rows.SelectMany(Backticked).ToHashSet(StringComparer.Ordinal);

        Assert.All(inFirstColumn, name => Assert.Contains(name, props));
        Assert.All(props, prop => Assert.True(anywhere.Contains(prop), $"The README's BlueGreenFleetProps table does not name {prop}."));
    }

    private static IEnumerable<string> Backticked(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "`([A-Za-z]+)`").Select(m => m.Groups[1].Value);

    internal const string FleetTableMarker = "<!-- BlueGreenFleetProps: every prop (DeploymentSettingsTests checks the names) -->";

    internal const string PropsTableMarker = "<!-- DeploymentSettings.All: the props (DeploymentSettingsTests checks this table) -->";
    internal const string EnvironmentsTableMarker = "<!-- DeploymentSettings.All: the cdk.json keys (DeploymentSettingsTests checks this table) -->";
    internal const string StackTableMarker = "<!-- EnvironmentSettings: the stack's own fields (DeploymentSettingsTests checks this table) -->";

    private static DeploymentConfiguration Set(DeploymentSetting setting, DeploymentConfiguration configuration) => setting switch
    {
        DurationSetting d => d.With(configuration, Duration.Seconds(d.Default.ToSeconds() + 60)),
        NumberSetting n => n.With(configuration, (n.Default ?? n.Min) + 1),
        FlagSetting f => f.With(configuration, !f.Default),
        StrategySetting s => s.With(configuration, s.Default == DeploymentStrategy.Linear ? DeploymentStrategy.Canary : DeploymentStrategy.Linear),
        _ => throw new NotSupportedException(setting.GetType().Name),
    };

    private static string[] Table(string[] header, IEnumerable<string[]> rows) =>
        [Row(header), "|" + string.Concat(header.Select(_ => "---|")), .. rows.Select(Row)];

    private static string Row(string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static List<string> ReadmeTable(string marker)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var at = Array.IndexOf(lines, marker);
        Assert.True(at >= 0, $"README.md has no line \"{marker}\" before the table it marks.");
        return lines.Skip(at + 1).TakeWhile(l => l.StartsWith('|')).ToList();
    }

    private static void AssertReadmeTable(string marker, string[] expected)
    {
        var actual = ReadmeTable(marker);
        Assert.True(expected.SequenceEqual(actual),
            $"The README table after \"{marker}\" is not the declared one (DeploymentSettings.All). Replace it with:\n{string.Join('\n', expected)}");
    }
}
