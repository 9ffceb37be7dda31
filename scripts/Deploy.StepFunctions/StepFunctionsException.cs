namespace Deploy.StepFunctions;

/// <summary>
/// A Step Functions call failed. <see cref="Kind"/> says how to react; <see cref="ErrorCode"/> is the service's
/// error type (the response's <c>__type</c> without its namespace), or a client-side code for failures that never
/// reached the service.
/// </summary>
public class StepFunctionsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The classification of the error.</param>
    /// <param name="errorCode">The service's error type, e.g. <c>ExecutionDoesNotExist</c>.</param>
    /// <param name="message">The service's message, or a description of the client-side failure.</param>
    /// <param name="httpStatus">The HTTP status of the response, if there was one.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the response, if there was one.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public StepFunctionsException(
        StepFunctionsErrorKind kind,
        string errorCode,
        string message,
        int? httpStatus = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        ErrorCode = errorCode;
        HttpStatus = httpStatus;
        RequestId = requestId;
    }

    /// <summary>How the error is classified.</summary>
    public StepFunctionsErrorKind Kind { get; }

    /// <summary>The service's error type without namespace (e.g. <c>ExecutionDoesNotExist</c>), or a client-side code.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the failed response; <see langword="null"/> when no response arrived.</summary>
    public int? HttpStatus { get; }

    /// <summary>The <c>x-amzn-RequestId</c> response header, to quote to AWS Support; <see langword="null"/> when absent.</summary>
    public string? RequestId { get; }

    /// <summary>Whether sending the same request again may succeed (throttling, 5xx, transport failures).</summary>
    public bool IsRetryable => Kind is StepFunctionsErrorKind.Throttling
        or StepFunctionsErrorKind.ServiceError
        or StepFunctionsErrorKind.Network;
}
