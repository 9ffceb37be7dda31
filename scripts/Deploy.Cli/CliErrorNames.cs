using Deploy.Contracts;
using Deploy.StepFunctions;

namespace Deploy.Cli;

/// <summary>
/// The names of the CLI's own errors in <c>--output json</c> (<c>error.name</c>), each with the one exit code it comes
/// with. A failure that is an execution's own error is named by that error instead (<c>Deploy.*</c>, see
/// <c>DeployErrors</c>). The README's exit-code table lists every name here (a test holds it to that).
/// </summary>
public static class CliErrorNames
{
    /// <summary>A bug: an exception nobody expected (exit 1).</summary>
    public const string Unexpected = "Unexpected";

    /// <summary>A bad command line: unknown or missing option, a value out of its range, conflicting options (exit 2).</summary>
    public const string UsageError = "UsageError";

    /// <summary>No state machines of the application and environment (exit 2).</summary>
    public const string UnknownEnvironment = "UnknownEnvironment";

    /// <summary>An execution ARN that is malformed or not one of the application's (exit 2).</summary>
    public const string InvalidArn = "InvalidArn";

    /// <summary>Step Functions knows no execution with that ARN (exit 2).</summary>
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";

    /// <summary>Nothing to act on: nothing running (abort, watch), awaiting approval, locked, to roll back to, or no deployment yet (exit 2).</summary>
    public const string NothingToDo = "NothingToDo";

    /// <summary><c>promote</c> refused: the version is not verified in the source environment, or has no request to promote (exit 2).</summary>
    public const string NotPromotable = "NotPromotable";

    /// <summary>A failure the execution does not name (exit 3): for example a stack without a Recovery state machine.</summary>
    public const string DeploymentFailed = "DeploymentFailed";

    /// <summary><c>health</c>: the color is Unhealthy (exit 3).</summary>
    public const string Unhealthy = "Unhealthy";

    /// <summary>The HealthProbe state machine itself failed (exit 3).</summary>
    public const string HealthProbeFailed = "HealthProbeFailed";

    /// <summary>The CLI stopped waiting; the execution goes on (exit 6).</summary>
    public const string WaitTimedOut = "WaitTimedOut";

    /// <summary>No AWS credentials were found (exit 7).</summary>
    public const string NoCredentials = "NoCredentials";

    /// <summary>AWS did not accept the credentials: unknown, expired or a bad signature (exit 7).</summary>
    public const string InvalidCredentials = "InvalidCredentials";

    /// <summary>The identity may not perform a Step Functions action (exit 7).</summary>
    public const string AccessDenied = "AccessDenied";

    /// <summary>Step Functions kept throttling past the retries (exit 7).</summary>
    public const string Throttled = "Throttled";

    /// <summary>The endpoint could not be reached or did not answer within <c>--connect-timeout</c> / <c>--read-timeout</c> (exit 7).</summary>
    public const string NetworkError = "NetworkError";

    /// <summary>Any other refusal or failure of Step Functions (exit 7).</summary>
    public const string AwsError = "AwsError";

    /// <summary>Every name with its exit code.</summary>
    public static IReadOnlyDictionary<string, ExitCode> All { get; } = new Dictionary<string, ExitCode>(StringComparer.Ordinal)
    {
        [Unexpected] = ExitCode.Unexpected,
        [UsageError] = ExitCode.UsageError,
        [UnknownEnvironment] = ExitCode.UsageError,
        [InvalidArn] = ExitCode.UsageError,
        [ExecutionDoesNotExist] = ExitCode.UsageError,
        [NothingToDo] = ExitCode.UsageError,
        [NotPromotable] = ExitCode.UsageError,
        [DeploymentFailed] = ExitCode.DeploymentFailed,
        [Unhealthy] = ExitCode.DeploymentFailed,
        [HealthProbeFailed] = ExitCode.DeploymentFailed,
        [WaitTimedOut] = ExitCode.WaitTimedOut,
        [NoCredentials] = ExitCode.AwsError,
        [InvalidCredentials] = ExitCode.AwsError,
        [AccessDenied] = ExitCode.AwsError,
        [Throttled] = ExitCode.AwsError,
        [NetworkError] = ExitCode.AwsError,
        [AwsError] = ExitCode.AwsError,
    };

    /// <summary>
    /// The name of a failure that has no more specific one, by its exit code (a deployment rolled back or rejected without
    /// an error of its own is named by the pipeline's error for that outcome).
    /// </summary>
    public static string For(ExitCode code) => code switch
    {
        ExitCode.UsageError => UsageError,
        ExitCode.RolledBack => DeployErrors.RolledBack,
        ExitCode.ApprovalRejected => DeployErrors.ApprovalRejected,
        ExitCode.WaitTimedOut => WaitTimedOut,
        ExitCode.AwsError => AwsError,
        ExitCode.Unexpected => Unexpected,
        _ => DeploymentFailed,
    };

    /// <summary>The name of a Step Functions failure, by its kind and code.</summary>
    public static string Of(StepFunctionsException e) => e switch
    {
        NoCredentialsException => NoCredentials,
        { Kind: StepFunctionsErrorKind.ExecutionDoesNotExist } => ExecutionDoesNotExist,
        { Kind: StepFunctionsErrorKind.InvalidArn } => InvalidArn,
        { Kind: StepFunctionsErrorKind.Network } => NetworkError,
        { Kind: StepFunctionsErrorKind.AccessDenied } => AccessDenied,
        { Kind: StepFunctionsErrorKind.Auth } => InvalidCredentials,
        { Kind: StepFunctionsErrorKind.Throttling } => Throttled,
        _ => AwsError,
    };
}
