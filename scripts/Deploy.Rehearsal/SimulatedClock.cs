namespace Deploy.Rehearsal;

/// <summary>
/// A clock that moves only when told to: pass it to <see cref="RehearsalEngine.Run"/> and advance
/// it from the task handler (by <see cref="TaskCall.WaitSeconds"/> on a Wait, by
/// <see cref="TaskCall.RetryBackoffSeconds"/> on a retry, by a task's simulated duration).
/// </summary>
/// <param name="start">The clock's initial time.</param>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>The clock's current time.</summary>
    public DateTimeOffset UtcNow => _now;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward.</summary>
    /// <param name="duration">How far; not negative.</param>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _now += duration;
    }
}
