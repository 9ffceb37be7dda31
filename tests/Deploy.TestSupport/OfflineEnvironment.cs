namespace Deploy.TestSupport;

/// <summary>
/// The environment every test run needs on a machine without AWS access or the internet: the CDK's jsii runtime
/// quiet about the Node.js version, no EC2 instance metadata lookups by AWS SDKs, no CDK or .NET CLI calls home.
/// Tests apply it to their own process (<see cref="Apply"/>) and to the tools they start (<see cref="ApplyTo"/>).
/// </summary>
public static class OfflineEnvironment
{
    /// <summary>The variables and their values.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>
    {
        // jsii warns on every start that Node.js 20 is past its end of life; the warning is noise in test output.
        ["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20",
        // AWS SDKs and CLIs otherwise try the EC2 instance metadata endpoint when no credentials are configured.
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        // The CDK CLI otherwise asks the npm registry for a newer version.
        ["CDK_DISABLE_VERSION_CHECK"] = "true",
        // dotnet child processes (pack, publish, tool install): no telemetry, no first-run banner.
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    private static readonly Lazy<bool> Applied = new(() =>
    {
        foreach (var (name, value) in Variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return true;
    });

    /// <summary>Sets <see cref="Variables"/> in this process, once; later calls do nothing.</summary>
    public static void Apply() => _ = Applied.Value;

    /// <summary>Sets <see cref="Variables"/> in the environment of a process about to start.</summary>
    /// <param name="start">The start info of that process.</param>
    public static void ApplyTo(System.Diagnostics.ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var (name, value) in Variables)
        {
            start.Environment[name] = value;
        }
    }
}
