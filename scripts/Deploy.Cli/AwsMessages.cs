using Deploy.StepFunctions;

namespace Deploy.Cli;

/// <summary>One-paragraph explanations of AWS errors for operators.</summary>
public static class AwsMessages
{
    /// <summary>What went wrong and what to do.</summary>
    public static string Explain(StepFunctionsException e) => OneParagraph(e.Kind == StepFunctionsErrorKind.Network
        ? $"Step Functions did not answer ({e.ErrorCode}): {e.Message} Check --endpoint-url / --region and your network; --connect-timeout and --read-timeout set how long to wait."
        : e.ErrorCode switch
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
    });

    /// <summary>Text from the wire (an HTML error page, say) as one paragraph: whitespace runs collapsed, at most 500 characters.</summary>
    private static string OneParagraph(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 500 ? flat[..500] + "…" : flat;
    }
}
