namespace Deploy.StepFunctions;

/// <summary>
/// What went wrong, grouped the way a caller reacts to it. The service's own code stays in
/// <see cref="StepFunctionsException.ErrorCode"/>; see the
/// <a href="https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html">common errors</a>
/// and each action's errors in the Step Functions API reference.
/// </summary>
public enum StepFunctionsErrorKind
{
    /// <summary>An error this client does not classify; read <see cref="StepFunctionsException.ErrorCode"/>.</summary>
    Unknown,

    /// <summary>
    /// The credentials are missing, unknown, expired or produced a bad signature
    /// (<c>UnrecognizedClientException</c>, <c>InvalidSignatureException</c>, <c>ExpiredTokenException</c>,
    /// <c>MissingAuthenticationToken</c>, …, and <see cref="NoCredentialsException"/>).
    /// </summary>
    Auth,

    /// <summary>The identity may not perform the action (<c>AccessDeniedException</c>).</summary>
    AccessDenied,

    /// <summary>No execution has that ARN (<c>ExecutionDoesNotExist</c>).</summary>
    ExecutionDoesNotExist,

    /// <summary>No state machine has that ARN (<c>StateMachineDoesNotExist</c>).</summary>
    StateMachineDoesNotExist,

    /// <summary>
    /// The task token cannot be answered: malformed (<c>InvalidToken</c>), unknown or already answered
    /// (<c>TaskDoesNotExist</c>), or past its deadline (<c>TaskTimedOut</c>).
    /// </summary>
    InvalidTaskToken,

    /// <summary>An execution with that name already exists with different input (<c>ExecutionAlreadyExists</c>).</summary>
    ExecutionAlreadyExists,

    /// <summary>An ARN is malformed (<c>InvalidArn</c>).</summary>
    InvalidArn,

    /// <summary>The execution input is not valid JSON or is too large (<c>InvalidExecutionInput</c>).</summary>
    InvalidExecutionInput,

    /// <summary>A parameter failed validation (<c>ValidationException</c>).</summary>
    Validation,

    /// <summary>
    /// The request rate was too high (<c>ThrottlingException</c>, <c>TooManyRequestsException</c>, HTTP 429).
    /// Retried automatically; seen only once retries are exhausted.
    /// </summary>
    Throttling,

    /// <summary>The service failed (HTTP 5xx). Retried automatically; seen only once retries are exhausted.</summary>
    ServiceError,

    /// <summary>
    /// The request did not complete: connection failure or attempt timeout. Retried automatically; seen only once
    /// retries are exhausted.
    /// </summary>
    Network,

    /// <summary>The client is not configured well enough to send a request (for example, no region).</summary>
    Configuration,
}
