using Amazon.Runtime.CredentialManagement;

namespace Deploy.StepFunctions.Tests.TestSupport;

/// <summary>
/// Runs a test against a controlled AWS environment: every variable AWSSDK.Core reads is cleared, the shared
/// config and credentials files are empty temporary files, and EC2 instance metadata is disabled (so the
/// credential chain never leaves this machine). Restores everything on dispose. Tests using it belong to
/// <see cref="EnvironmentCollection"/>, which runs alone.
/// </summary>
internal sealed class EnvironmentScope : IDisposable
{
    private static readonly string[] Variables =
    [
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED",
    ];

    // AWSSDK.Core fixes the shared file paths once per process, in SharedCredentialsFile's static constructor, from
    // AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE (and only if the files exist then); it re-reads their contents
    // on every lookup. So every scope uses the same two files and only changes what is in them.
    private static readonly string Folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "aws-environment")).FullName;

    private readonly Dictionary<string, string?> _saved = [];

    public EnvironmentScope()
    {
        foreach (var name in Variables)
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, null);
        }

        CredentialsFile = Path.Combine(Folder, "credentials");
        ConfigFile = Path.Combine(Folder, "config");
        File.WriteAllText(CredentialsFile, string.Empty);
        File.WriteAllText(ConfigFile, string.Empty);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigFile);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

        if (SharedCredentialsFile.DefaultFilePath != CredentialsFile || SharedCredentialsFile.DefaultConfigFilePath != ConfigFile)
        {
            Dispose();
            throw new InvalidOperationException(
                "AWSSDK.Core resolved its shared config files before this test's environment was set up (some test outside "
                + $"the '{EnvironmentCollection.Name}' collection used the default chain); refusing to read "
                + $"{SharedCredentialsFile.DefaultFilePath}.");
        }
    }

    public string CredentialsFile { get; }

    public string ConfigFile { get; }

    public EnvironmentScope Set(string name, string? value)
    {
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public EnvironmentScope WriteCredentials(string text)
    {
        File.WriteAllText(CredentialsFile, text);
        return this;
    }

    public EnvironmentScope WriteConfig(string text)
    {
        File.WriteAllText(ConfigFile, text);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        File.WriteAllText(CredentialsFile, string.Empty);
        File.WriteAllText(ConfigFile, string.Empty);
    }
}

/// <summary>Tests that change process environment variables; never run in parallel with anything.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
