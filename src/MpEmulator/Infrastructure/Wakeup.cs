using System.Threading.Channels;

namespace MpEmulator.Infrastructure;

/// <summary>Wakes background work: pings coalesce, so a burst of changes costs one pass.</summary>
public class Wakeup
{
    readonly Channel<bool> pings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Timers take at most ~49 days; a later deadline is looked at again after a day.</summary>
    static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    public void Ping() => pings.Writer.TryWrite(true);

    /// <summary>Returns on a ping, or once the clock reaches <paramref name="until"/>.</summary>
    public async Task WaitAsync(DateTimeOffset? until, TimeProvider clock, CancellationToken stopping)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var pinged = pings.Reader.WaitToReadAsync(wake.Token).AsTask();
        var due = until - clock.GetUtcNow();
        if (due is null) await Task.WhenAny(pinged);
        else if (due > TimeSpan.Zero)
        {
            var timer = Task.Delay(due.Value < MaxWait ? due.Value : MaxWait, clock, wake.Token); // the caller looks again
            // The clock may have moved between reading it and arming the timer, which would then fire late.
            if (clock.GetUtcNow() < until) await Task.WhenAny(pinged, timer);
        }
        await wake.CancelAsync();
        pings.Reader.TryRead(out _);
        stopping.ThrowIfCancellationRequested();
    }
}
