namespace MpEmulator.Infrastructure;

/// <summary>The emulator's time: a base clock (the system's, or a test's fake) moved by the admin API's offset.
/// Everything that reads time reads this, so moving it drives every time rule.</summary>
public sealed class EmulatorClock(TimeProvider inner) : TimeProvider
{
    /// <summary>The service key under which a host (a test) may register the base clock.</summary>
    public const string BaseKey = "base";

    TimeSpan offset;

    /// <summary>The years the clock, and every date a request gives, may fall in: far enough out for any test, near
    /// enough that date arithmetic (expiries, retries, release dates) never overflows.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool InRange(DateTimeOffset date) => date >= Earliest && date < Latest;

    /// <summary>Raised after the clock is moved, so background work waiting for a deadline looks again.</summary>
    public event Action? Moved;

    public TimeSpan Offset => offset;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "the clock only moves forward");
        offset += by;
        Moved?.Invoke();
    }

    /// <summary>Back to the base clock's time, as a full reset does.</summary>
    public void Reset()
    {
        offset = TimeSpan.Zero;
        Moved?.Invoke();
    }

    public void Set(DateTimeOffset now)
    {
        offset = now - inner.GetUtcNow();
        Moved?.Invoke();
    }
}
