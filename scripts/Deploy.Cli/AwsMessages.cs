using Deploy.StepFunctions;

namespace Deploy.Cli;

/// <summary>One-paragraph explanations of AWS errors for operators.</summary>
public static class AwsMessages
{
    /// <summary>What went wrong and what to do.</summary>
    public static string Explain(StepFunctionsException e) => e.ErrorCode switch
    {
        "AccessDeniedException" or "AccessDenied" =>
            $"Access denied: {e.Message} Your identity lacks a Step Functions permission this command needs (see README, 'IAM permissions for operators').",
        "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignature" or "MissingAuthenticationToken" or "InvalidClientTokenId" =>
            $"AWS did not accept your credentials ({e.ErrorCode}): {e.Message} Check AWS_PROFILE / --profile, or refresh your session (aws sso login).",
        "ExpiredTokenException" or "ExpiredToken" =>
            $"Your AWS session has expired ({e.ErrorCode}). Refresh it (aws sso login, or new temporary credentials) and try again.",
        "ThrottlingException" or "TooManyRequestsException" =>
            $"Step Functions kept throttling the calls even after retries ({e.ErrorCode}). Wait a little and try again.",
        _ => $"Step Functions refused the call ({e.ErrorCode}): {e.Message}",
    };
}
