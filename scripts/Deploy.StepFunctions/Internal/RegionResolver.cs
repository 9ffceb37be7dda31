using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Deploy.StepFunctions.Internal;

/// <summary>
/// Finds the Region the way the AWS CLI does: explicit, then <c>AWS_REGION</c> (AWSSDK.Core's
/// <see cref="EnvironmentVariableAWSRegion"/>), then <c>AWS_DEFAULT_REGION</c>, then the profile's <c>region</c>
/// (AWSSDK.Core's <see cref="CredentialProfileStoreChain"/>, as <see cref="ProfileAWSRegion"/> reads it).
/// Unlike <see cref="FallbackRegionFactory"/> it honours an explicit profile and never asks EC2 instance metadata.
/// </summary>
internal static partial class RegionResolver
{
    /// <summary>The Region assumed for a loopback endpoint when none is configured.</summary>
    public const string LocalDefault = "us-east-1";

    /// <summary>The error code when no Region can be found.</summary>
    public const string NoRegionCode = "NoRegion";

    public static string Resolve(StepFunctionsClientOptions options, bool isLocalEndpoint)
    {
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            return Validate(options.Region.Trim(), "the Region option");
        }

        var fromEnvironment = FromEnvironment();
        if (fromEnvironment is not null)
        {
            return Validate(fromEnvironment.Value.Region, fromEnvironment.Value.Source);
        }

        var profileName = ProfileName(options);
        if (new CredentialProfileStoreChain().TryGetProfile(profileName, out var profile) && profile.Region is not null)
        {
            return Validate(profile.Region.SystemName, $"the profile '{profileName}'");
        }

        if (isLocalEndpoint)
        {
            return LocalDefault;
        }

        throw new StepFunctionsException(
            StepFunctionsErrorKind.Configuration,
            NoRegionCode,
            $"No AWS Region is configured. Pass --region, set AWS_REGION or AWS_DEFAULT_REGION, or set the region of "
            + $"the profile '{profileName}' (aws configure set region eu-west-1 --profile {profileName}).");
    }

    /// <summary>The profile in effect: the explicit one, else <c>AWS_PROFILE</c>, else <c>default</c>.</summary>
    public static string ProfileName(StepFunctionsClientOptions options) =>
        string.IsNullOrWhiteSpace(options.Profile)
            ? DefaultAWSCredentialsIdentityResolver.GetProfileName()
            : options.Profile.Trim();

    private static (string Region, string Source)? FromEnvironment()
    {
        try
        {
            var region = new EnvironmentVariableAWSRegion().Region?.SystemName;
            if (!string.IsNullOrWhiteSpace(region))
            {
                return (region, "AWS_REGION");
            }
        }
        catch (InvalidOperationException)
        {
            // Not set. AWSSDK.Core 4.0.3.3 reads only AWS_REGION here, so AWS_DEFAULT_REGION is read below.
        }

        var defaultRegion = Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        return string.IsNullOrWhiteSpace(defaultRegion) ? null : (defaultRegion.Trim(), "AWS_DEFAULT_REGION");
    }

    private static string Validate(string region, string source)
    {
        // The Region becomes part of a host name and of the signing scope.
        if (!RegionPattern().IsMatch(region))
        {
            throw new StepFunctionsException(
                StepFunctionsErrorKind.Configuration,
                "InvalidRegion",
                $"The Region '{region}' from {source} is not a Region name; expected lower-case letters, digits and "
                + "hyphens, e.g. eu-west-1.");
        }

        return region;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RegionPattern();
}
