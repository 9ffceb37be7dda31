using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Deploy.StepFunctions.Internal;

/// <summary>
/// Finds the credentials once, on first use, and hands out a fresh snapshot per request (so refreshing
/// credentials such as assumed roles, SSO and instance roles stay current).
/// </summary>
internal sealed class CredentialsProvider : IDisposable
{
    /// <summary>The access key of the dummy credentials used against a loopback endpoint.</summary>
    public const string LocalAccessKey = "LOCALDUMMYACCESSKEY";

    private const string LocalSecretKey = "local-dummy-secret-key";

    private readonly StepFunctionsClientOptions _options;
    private readonly bool _isLocalEndpoint;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _resolved;

    public CredentialsProvider(StepFunctionsClientOptions options, bool isLocalEndpoint)
    {
        _options = options;
        _isLocalEndpoint = isLocalEndpoint;
    }

    /// <summary>The current access key, secret and session token.</summary>
    /// <exception cref="NoCredentialsException">Nothing was found, or the source failed to produce credentials.</exception>
    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var source = _resolved ?? await ResolveOnceAsync(cancellationToken).ConfigureAwait(false);
        ImmutableCredentials? credentials;
        try
        {
            credentials = await source.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            // Includes AmazonServiceException: an expired SSO session, a failed AssumeRole, an unreachable metadata service.
            throw new NoCredentialsException($"The credentials from {source.GetType().Name} could not be obtained: {e.Message}", e);
        }

        if (credentials is null || string.IsNullOrEmpty(credentials.AccessKey))
        {
            throw new NoCredentialsException($"The credentials from {source.GetType().Name} are empty.");
        }

        return credentials;
    }

    public void Dispose() => _gate.Dispose();

    private async Task<AWSCredentials> ResolveOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A failed lookup is not cached: the operator may fix the environment and call again.
            return _resolved ??= await ResolveAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        if (_options.Credentials is not null)
        {
            return _options.Credentials;
        }

        if (!string.IsNullOrWhiteSpace(_options.Profile))
        {
            return FromNamedProfile(_options.Profile.Trim());
        }

        if (_isLocalEndpoint)
        {
            return FromEnvironmentOrProfileForLocal();
        }

        try
        {
            return await new DefaultAWSCredentialsIdentityResolver()
                .ResolveIdentityAsync(null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ProfileNotFoundException e)
        {
            throw new NoCredentialsException(
                $"The profile '{DefaultAWSCredentialsIdentityResolver.GetProfileName()}' named by AWS_PROFILE was not found.", e);
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException(
                "No AWS credentials were found in the environment variables, a web identity token, the shared "
                + $"config and credentials files (profile '{DefaultAWSCredentialsIdentityResolver.GetProfileName()}'), "
                + "or a container or EC2 instance role.",
                e);
        }
    }

    private AWSCredentials FromNamedProfile(string profileName)
    {
        try
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(profileName, out var credentials))
            {
                return credentials;
            }
        }
        catch (AmazonClientException e)
        {
            throw new NoCredentialsException($"The profile '{profileName}' could not provide credentials: {e.Message}", e);
        }

        if (_isLocalEndpoint)
        {
            return LocalDummy();
        }

        throw new NoCredentialsException(
            $"The profile '{profileName}' was not found in the shared config or credentials file, or it has no credentials.");
    }

    /// <summary>
    /// Against a loopback endpoint, environment variables and shared profiles are used when present; the
    /// container and instance-role steps are skipped because they would call a metadata service off this machine,
    /// and a local engine does not check signatures anyway.
    /// </summary>
    private static AWSCredentials FromEnvironmentOrProfileForLocal()
    {
        try
        {
            var environment = new EnvironmentVariablesAWSCredentials();
            environment.GetCredentials();
            return environment;
        }
        catch (InvalidOperationException)
        {
            // Not set.
        }

        var profileName = DefaultAWSCredentialsIdentityResolver.GetProfileName();
        try
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(profileName, out var credentials))
            {
                return credentials;
            }
        }
        catch (AmazonClientException)
        {
            // An unusable profile does not matter to a local engine.
        }

        return LocalDummy();
    }

    private static BasicAWSCredentials LocalDummy() => new(LocalAccessKey, LocalSecretKey);
}
