namespace Deploy.StepFunctions;

/// <summary>
/// No AWS credentials were found: none were given, the selected profile does not exist or has no credentials,
/// and AWSSDK.Core's default chain (environment, shared profiles, container and instance roles) found nothing.
/// </summary>
public sealed class NoCredentialsException : StepFunctionsException
{
    /// <summary>The <see cref="StepFunctionsException.ErrorCode"/> of this exception.</summary>
    public const string Code = "NoCredentials";

    /// <summary>What the operator can do about it; appended to every message.</summary>
    public const string Advice =
        "Set AWS_PROFILE (or pass --profile) to a profile in ~/.aws/config or ~/.aws/credentials, run 'aws configure' "
        + "(or 'aws sso login' for an SSO profile), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.";

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What was looked for and not found.</param>
    /// <param name="innerException">The failure reported by the credential chain, if any.</param>
    public NoCredentialsException(string reason, Exception? innerException = null)
        : base(StepFunctionsErrorKind.Auth, Code, $"{reason} {Advice}", innerException: innerException)
    {
    }
}
