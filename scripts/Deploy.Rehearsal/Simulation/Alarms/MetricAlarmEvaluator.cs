namespace Deploy.Rehearsal.Simulation.Alarms;

/// <summary>
/// One evaluation of a metric alarm over its evaluation range, as the CloudWatch user guide ("Using Amazon CloudWatch
/// alarms": alarm evaluation, "Configuring how CloudWatch alarms treat missing data", "How alarm state is evaluated
/// when data is missing", "Avoiding premature transitions to alarm state") describes it:
/// <list type="bullet">
/// <item>CloudWatch retrieves more datapoints than N (<c>EvaluationPeriods</c>): the evaluation range. The guide's
/// example for N = 3 retrieves 5; this model uses N + 2 (<see cref="EvaluationRange"/>).</item>
/// <item>When the range holds at least N real datapoints, the most recent N real ones decide: ALARM when at least M
/// (<c>DatapointsToAlarm</c>) of them breach, otherwise OK; how missing data is treated does not matter then.</item>
/// <item>With fewer than N real datapoints, all real ones count and the missing ones are filled as the alarm says:
/// <c>breaching</c> fills breaching ones, <c>notBreaching</c> good ones. <c>missing</c> goes to INSUFFICIENT_DATA
/// when the whole range is missing; <c>ignore</c> keeps the current state then.</item>
/// <item>Premature ALARM: with fewer than M real datapoints, <c>missing</c> still goes to ALARM when the oldest breaching
/// datapoint of the last N is at least M periods old and every more recent one is breaching or missing (<c>ignore</c>
/// keeps the current state in that case). Otherwise the real datapoints decide (at least M breaching: ALARM).</item>
/// </list>
/// The guide's two tables (3 of 3 and 2 of 3) are unit tests of this class.
/// </summary>
public static class MetricAlarmEvaluator
{
    /// <summary>How many periods an evaluation retrieves for an alarm of <paramref name="evaluationPeriods"/> periods.</summary>
    public static int EvaluationRange(int evaluationPeriods) => evaluationPeriods + 2;

    /// <summary>
    /// The starts of the periods an evaluation at <paramref name="now"/> retrieves, oldest first: the last
    /// <see cref="EvaluationRange"/> whole periods that ended by then, aligned to multiples of the period since the Unix
    /// epoch (as CloudWatch aligns a period's datapoints; a period still running has no datapoint yet).
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> RangeStarts(DateTimeOffset now, int periodSeconds, int evaluationPeriods)
    {
        var period = TimeSpan.FromSeconds(periodSeconds);
        var elapsed = (now - DateTimeOffset.UnixEpoch).Ticks;
        var lastEnd = DateTimeOffset.UnixEpoch.AddTicks(elapsed - (elapsed % period.Ticks));
        var count = EvaluationRange(evaluationPeriods);
        return Enumerable.Range(1, count).Select(i => lastEnd - (period * (count - i + 1))).ToList();
    }

    /// <summary>
    /// Evaluates <paramref name="alarm"/> over <paramref name="range"/>: the last <see cref="EvaluationRange"/> periods,
    /// oldest first, each with its start and value (<see langword="null"/> when the period has no datapoint).
    /// </summary>
    public static AlarmEvaluation Evaluate(MetricAlarmDefinition alarm, IReadOnlyList<(DateTimeOffset At, double? Value)> range, string current)
    {
        var n = alarm.EvaluationPeriods;
        var m = alarm.DatapointsToAlarm;
        var real = range.Where(p => p.Value is not null).Select(p => (p.At, Value: p.Value!.Value)).ToList();
        if (real.Count >= n)
        {
            var recent = real.TakeLast(n).ToList();
            var breaching = recent.Count(p => alarm.Breaches(p.Value));
            return new AlarmEvaluation(breaching >= m ? AlarmStates.Alarm : AlarmStates.Ok, recent, breaching, n, false);
        }

        var realBreaching = real.Count(p => alarm.Breaches(p.Value));
        switch (alarm.TreatMissingData)
        {
            case "breaching":
            {
                var breaching = realBreaching + (n - real.Count);
                return new AlarmEvaluation(breaching >= m ? AlarmStates.Alarm : AlarmStates.Ok, real, breaching, n, false);
            }

            case "notBreaching":
                return new AlarmEvaluation(realBreaching >= m ? AlarmStates.Alarm : AlarmStates.Ok, real, realBreaching, n, false);

            case "missing" or "ignore":
            {
                var ignore = alarm.TreatMissingData == "ignore";
                if (real.Count == 0)
                {
                    return ignore
                        ? new AlarmEvaluation(current, real, 0, 0, true)
                        : new AlarmEvaluation(AlarmStates.InsufficientData, real, 0, 0, false);
                }

                if (real.Count < m && Premature(alarm, range.TakeLast(n).ToList()))
                {
                    return ignore
                        ? new AlarmEvaluation(current, real, realBreaching, real.Count, true)
                        : new AlarmEvaluation(AlarmStates.Alarm, real, realBreaching, real.Count, false);
                }

                return new AlarmEvaluation(realBreaching >= m ? AlarmStates.Alarm : AlarmStates.Ok, real, realBreaching, real.Count, false);
            }

            default:
                throw new NotSupportedException($"Alarm {alarm.Name}: TreatMissingData '{alarm.TreatMissingData}' is not one of missing, notBreaching, breaching, ignore.");
        }
    }

    /// <summary>The oldest breaching datapoint of the last N is at least M periods old and every more recent one breaches or is missing.</summary>
    private static bool Premature(MetricAlarmDefinition alarm, List<(DateTimeOffset At, double? Value)> window)
    {
        var oldest = -1;
        for (var i = 0; i < window.Count; i++)
        {
            if (window[i].Value is { } v && alarm.Breaches(v))
            {
                oldest = i;
                break;
            }
        }

        if (oldest < 0 || window.Count - oldest < alarm.DatapointsToAlarm)
        {
            return false;
        }

        return window.Skip(oldest + 1).All(p => p.Value is not { } v || alarm.Breaches(v));
    }
}
