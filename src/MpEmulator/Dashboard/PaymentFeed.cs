using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Dashboard;

/// <summary><c>GET /__admin/events</c>: every payment event as a server-sent event (<c>payment</c>) as soon as it is
/// stored; <c>ready</c> once connected, <c>reset</c> when the events were wiped.</summary>
public static class PaymentFeed
{
    /// <summary>Events are read back from storage rather than raised, so every writer (API, admin, fixtures, time) is seen.</summary>
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(300);

    public static ServerSentEventsResult<PaymentEvent?> Stream(Store store, IHostApplicationLifetime life, HttpContext http)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, life.ApplicationStopping);
        http.Response.RegisterForDispose(stop);
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.ServerSentEvents(Events(store.PaymentTables(), stop.Token));
    }

    static async IAsyncEnumerable<SseItem<PaymentEvent?>> Events(PaymentTables events, [EnumeratorCancellation] CancellationToken stop)
    {
        var last = Newest(events);
        yield return new SseItem<PaymentEvent?>(null, "ready");
        while (true)
        {
            try { await Task.Delay(Tick, stop); }
            catch (OperationCanceledException) { }
            if (stop.IsCancellationRequested) yield break;
            var newest = Newest(events);
            if (newest == last) continue;
            if (newest < last)
            {
                last = newest;
                yield return new SseItem<PaymentEvent?>(null, "reset");
                continue;
            }
            foreach (var e in events.EventIndex.After(PaymentTables.AllGroup, last, 200).Select(events.Events.FindById).OfType<PaymentEvent>())
            {
                last = e.Id;
                yield return new SseItem<PaymentEvent?>(e, "payment");
            }
        }
    }

    static long Newest(PaymentTables events) => events.EventIndex.Last(PaymentTables.AllGroup)?.Key ?? 0;
}
