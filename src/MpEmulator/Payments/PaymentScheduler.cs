using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

/// <summary>Applies what time alone does to payments (an authorization lapses, a Pix or ticket expires, money is
/// released) as each deadline passes on the emulator's clock, and at once when the admin clock moves, so the change
/// and its webhook happen without anyone reading the payment.</summary>
public sealed class PaymentScheduler(Store store, TimeProvider clock, ILogger<PaymentScheduler> log) : BackgroundService
{
    readonly Wakeup wakeup = new();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        store.Changed += wakeup.Ping;
        if (clock is EmulatorClock admin) admin.Moved += wakeup.Ping;
        await Task.Yield();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                DateTimeOffset? next = null;
                try
                {
                    await store.CatchUp(clock.GetUtcNow());
                    next = store.PaymentTables().Due.First(PaymentTables.DueGroup)?.Order;
                    if (next <= clock.GetUtcNow()) next = clock.GetUtcNow() + TimeSpan.FromSeconds(1); // storage refused the write
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Applying due payment changes failed; trying again in a second");
                    next = clock.GetUtcNow() + TimeSpan.FromSeconds(1);
                }
                await wakeup.WaitAsync(next, clock, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            store.Changed -= wakeup.Ping;
            if (clock is EmulatorClock moved) moved.Moved -= wakeup.Ping;
        }
    }
}
