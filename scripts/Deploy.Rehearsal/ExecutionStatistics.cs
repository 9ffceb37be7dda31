namespace Deploy.Rehearsal;

/// <summary>
/// The cost and size figures of an execution as AWS Step Functions (Standard workflow) would count
/// them, computed from a rehearsal's event log.
/// </summary>
/// <remarks>
/// <para>An <em>attempt</em> is a state entry or one of its retries (<c>StateEntered</c> and
/// <c>StateRetried</c> events). Rewritten Wait and Fail states count as what they were written as
/// (<see cref="ExecutionEvent.EffectiveType"/>).</para>
/// <para><see cref="HistoryEvents"/> estimates the
/// <see href="https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html">execution
/// history</see> (limit: 25,000 events) as:</para>
/// <code>
///   1                      ExecutionStarted
/// + 1                      ExecutionSucceeded | ExecutionFailed
/// + entries                XStateEntered for every state entry (TaskStateEntered, WaitStateEntered, FailStateEntered, ...)
/// + exits                  XStateExited for every entry that is left normally (a Fail state, or a state whose
///                          uncaught error ends the execution, has none; a caught error still exits)
/// + 3 × task attempts      TaskScheduled + TaskStarted + TaskSucceeded|TaskFailed|TaskTimedOut
///                          (LambdaFunctionScheduled/Started/Succeeded|Failed for a Lambda ARN resource: same count)
/// + 1 × attempts of .sync and .waitForTaskToken tasks   TaskSubmitted (counted on failed attempts too: an upper bound)
/// + 2 × attempts of Map and Parallel states             MapStateStarted|ParallelStateStarted + ...Succeeded|Failed
/// + Map iteration events   MapIterationStarted + MapIterationSucceeded|Failed per iteration
/// </code>
/// <para>So a Task, Choice, Pass, Wait or Succeed state that exits costs 2 events, a Fail state 1,
/// and each task attempt 3 more. States inside Parallel branches and inline Map iterations count
/// like any other.</para>
/// <para><see cref="StateTransitions"/> follows
/// <see href="https://aws.amazon.com/step-functions/pricing/">Standard workflow pricing</see>: a
/// transition each time a step of the workflow runs, retries included, so it is
/// <see cref="StatesEntered"/> + <see cref="Retries"/>.</para>
/// </remarks>
public sealed record ExecutionStatistics
{
    /// <summary>State entries (<c>StateEntered</c> events), rewritten Wait and Fail states included.</summary>
    public required int StatesEntered { get; init; }

    /// <summary>Retries of a state (<c>StateRetried</c> events).</summary>
    public required int Retries { get; init; }

    /// <summary>Billed state transitions of a Standard workflow: <see cref="StatesEntered"/> + <see cref="Retries"/>.</summary>
    public required int StateTransitions { get; init; }

    /// <summary>Attempts of Task states (entries and retries); rewritten Wait and Fail states are not tasks.</summary>
    public required int TaskAttempts { get; init; }

    /// <summary>
    /// Lambda invocations: attempts of tasks whose resource is a Lambda function ARN
    /// (<c>arn:aws:lambda:...:function:...</c>) or the <c>arn:aws:states:::lambda:invoke</c> integration.
    /// </summary>
    public required int LambdaInvocations { get; init; }

    /// <summary>Estimated events in the AWS execution history (the formula is in the remarks).</summary>
    public required int HistoryEvents { get; init; }

    /// <summary>How many times each state was entered, by state name (states never entered are absent).</summary>
    public required IReadOnlyDictionary<string, int> EnteredByState { get; init; }

    /// <summary>Computes the figures of <paramref name="result"/>.</summary>
    /// <param name="result">A finished execution.</param>
    public static ExecutionStatistics From(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int entered = 0, exited = 0, retries = 0, taskAttempts = 0, submitted = 0, lambda = 0, mapOrParallel = 0, iterations = 0, execution = 0;
        var byState = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in result.Events)
        {
            switch (e.Type)
            {
                case "ExecutionStarted":
                case "ExecutionSucceeded":
                case "ExecutionFailed":
                    execution++;
                    break;
                case "StateEntered":
                    entered++;
                    if (e.State is not null)
                    {
                        byState[e.State] = byState.GetValueOrDefault(e.State) + 1;
                    }

                    break;
                case "StateExited":
                    exited++;
                    break;
                case "StateRetried":
                    retries++;
                    break;
                case "MapIterationStarted":
                case "MapIterationSucceeded":
                case "MapIterationFailed":
                    iterations++;
                    break;
                default:
                    break;
            }

            if (e.Type is not ("StateEntered" or "StateRetried"))
            {
                continue;
            }

            switch (e.EffectiveType)
            {
                case "Task":
                    taskAttempts++;
                    submitted += IsSubmitted(e.Resource) ? 1 : 0;
                    lambda += IsLambda(e.Resource) ? 1 : 0;
                    break;
                case "Map":
                case "Parallel":
                    mapOrParallel++;
                    break;
                default:
                    break;
            }
        }

        return new ExecutionStatistics
        {
            StatesEntered = entered,
            Retries = retries,
            StateTransitions = entered + retries,
            TaskAttempts = taskAttempts,
            LambdaInvocations = lambda,
            HistoryEvents = execution + entered + exited + (3 * taskAttempts) + submitted + (2 * mapOrParallel) + iterations,
            EnteredByState = byState,
        };
    }

    /// <summary>Whether <paramref name="resource"/> invokes a Lambda function (a function ARN, or the lambda:invoke integration).</summary>
    /// <param name="resource">A Task state's resource.</param>
    public static bool IsLambda(string? resource)
    {
        if (resource is null)
        {
            return false;
        }

        var parts = resource.Split(':');
        return (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
            || (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "lambda" && parts[6].StartsWith("invoke", StringComparison.Ordinal));
    }

    private static bool IsSubmitted(string? resource) =>
        resource is not null
        && (resource.EndsWith(".sync", StringComparison.Ordinal)
            || resource.EndsWith(".sync:2", StringComparison.Ordinal)
            || resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal));
}
