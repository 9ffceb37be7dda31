using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Deploy.StepFunctions.Internal;

/// <summary>Turns an error response of the JSON 1.0 protocol into a <see cref="StepFunctionsException"/>.</summary>
internal static class ErrorMapper
{
    private static readonly Dictionary<string, StepFunctionsErrorKind> KindsByCode = new(StringComparer.Ordinal)
    {
        ["AccessDeniedException"] = StepFunctionsErrorKind.AccessDenied,
        ["AccessDenied"] = StepFunctionsErrorKind.AccessDenied,

        ["UnrecognizedClientException"] = StepFunctionsErrorKind.Auth,
        ["InvalidSignatureException"] = StepFunctionsErrorKind.Auth,
        ["ExpiredTokenException"] = StepFunctionsErrorKind.Auth,
        ["ExpiredToken"] = StepFunctionsErrorKind.Auth,
        ["MissingAuthenticationToken"] = StepFunctionsErrorKind.Auth,
        ["MissingAuthenticationTokenException"] = StepFunctionsErrorKind.Auth,
        ["IncompleteSignature"] = StepFunctionsErrorKind.Auth,
        ["IncompleteSignatureException"] = StepFunctionsErrorKind.Auth,
        ["InvalidClientTokenId"] = StepFunctionsErrorKind.Auth,
        ["SignatureDoesNotMatch"] = StepFunctionsErrorKind.Auth,
        ["RequestExpired"] = StepFunctionsErrorKind.Auth,

        ["ExecutionDoesNotExist"] = StepFunctionsErrorKind.ExecutionDoesNotExist,
        ["StateMachineDoesNotExist"] = StepFunctionsErrorKind.StateMachineDoesNotExist,
        ["TaskDoesNotExist"] = StepFunctionsErrorKind.InvalidTaskToken,
        ["InvalidToken"] = StepFunctionsErrorKind.InvalidTaskToken,
        ["TaskTimedOut"] = StepFunctionsErrorKind.InvalidTaskToken,
        ["ExecutionAlreadyExists"] = StepFunctionsErrorKind.ExecutionAlreadyExists,
        ["InvalidArn"] = StepFunctionsErrorKind.InvalidArn,
        ["InvalidExecutionInput"] = StepFunctionsErrorKind.InvalidExecutionInput,
        ["ValidationException"] = StepFunctionsErrorKind.Validation,

        ["ThrottlingException"] = StepFunctionsErrorKind.Throttling,
        ["Throttling"] = StepFunctionsErrorKind.Throttling,
        ["TooManyRequestsException"] = StepFunctionsErrorKind.Throttling,
        ["ThrottledException"] = StepFunctionsErrorKind.Throttling,
        ["RequestLimitExceeded"] = StepFunctionsErrorKind.Throttling,
        ["RequestThrottled"] = StepFunctionsErrorKind.Throttling,
        ["RequestThrottledException"] = StepFunctionsErrorKind.Throttling,
    };

    /// <summary>The error code used when the response names none.</summary>
    public const string UnknownCode = "UnknownError";

    /// <summary>Classifies a service error code (namespace already stripped) and HTTP status.</summary>
    public static StepFunctionsErrorKind Classify(string errorCode, int httpStatus)
    {
        if (KindsByCode.TryGetValue(errorCode, out var kind))
        {
            return kind;
        }

        return httpStatus switch
        {
            429 => StepFunctionsErrorKind.Throttling,
            >= 500 => StepFunctionsErrorKind.ServiceError,
            _ => StepFunctionsErrorKind.Unknown,
        };
    }

    /// <summary>
    /// Strips the namespace from <c>__type</c> (<c>com.amazonaws.swf.service.v2.model#InvalidArn</c> → <c>InvalidArn</c>)
    /// and anything after a colon (<c>x-amzn-ErrorType</c> carries <c>Code:http://…</c>).
    /// </summary>
    public static string NormalizeCode(string code)
    {
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        return (hash >= 0 ? code[(hash + 1)..] : code).Trim();
    }

    /// <summary>Builds the exception for a non-success response.</summary>
    public static StepFunctionsException FromResponse(int httpStatus, HttpResponseHeaders headers, byte[] body)
    {
        var requestId = Header(headers, "x-amzn-RequestId");
        var error = TryParse(body);
        var rawCode = error?.Type ?? error?.Code ?? Header(headers, "x-amzn-ErrorType");
        var code = string.IsNullOrWhiteSpace(rawCode) ? UnknownCode : NormalizeCode(rawCode);
        var message = error?.Message ?? error?.CapitalizedMessage ?? Header(headers, "x-amzn-ErrorMessage");
        if (string.IsNullOrWhiteSpace(message))
        {
            message = error is null && body.Length > 0
                ? $"HTTP {httpStatus} with a body that is not a JSON error: {Snippet(body)}"
                : $"HTTP {httpStatus} {code}.";
        }

        return new StepFunctionsException(Classify(code, httpStatus), code, message, httpStatus, requestId);
    }

    private static ErrorResponse? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, StepFunctionsJsonContext.Default.ErrorResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Snippet(byte[] body)
    {
        const int Limit = 200;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, Limit * 4));
        return text.Length > Limit ? text[..Limit] + "…" : text;
    }
}
