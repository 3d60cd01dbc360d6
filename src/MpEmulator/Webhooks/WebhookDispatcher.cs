using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using BsonDocument = LiteDB.BsonDocument;
using Microsoft.Extensions.Options;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Webhooks;

/// <summary>Wakes the webhook dispatcher.</summary>
public sealed class WebhookSignal : Wakeup;

/// <summary>Turns payment events into deliveries and sends them, off the request path: the API only writes the event.
/// Progress is stored with the deliveries (every pending delivery, and the last event handled as of the last delivery
/// made), so a restart picks up where it was.</summary>
public sealed class WebhookDispatcher(Store store, TimeProvider clock, IHttpClientFactory http, SellerDirectory sellers,
    WebhookSignal signal, IOptions<WebhookOptions> webhookOptions, IOptions<EmulatorOptions> emulatorOptions, ILogger<WebhookDispatcher> log)
    : BackgroundService
{
    public const string ClientName = "webhooks";

    static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    readonly WebhookOptions options = webhookOptions.Value;
    readonly EmulatorOptions emulator = emulatorOptions.Value;
    readonly IReadOnlyList<TimeSpan> schedule = WebhookRules.Schedule(webhookOptions.Value.Retries);
    readonly TimeSpan timeout = TimeSpan.FromSeconds(webhookOptions.Value.TimeoutSeconds);
    readonly SemaphoreSlim slots = new(Math.Max(1, webhookOptions.Value.Concurrency));
    readonly ConcurrentDictionary<long, bool> sending = new();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        store.Changed += signal.Ping;
        if (clock is EmulatorClock admin) admin.Moved += signal.Ping;
        await Task.Yield();
        try
        {
            while (true)
            {
                DateTimeOffset? next;
                try
                {
                    Ingest();
                    next = Dispatch(stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Webhook dispatch failed; trying again in a second");
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping);
                    continue;
                }
                await signal.WaitAsync(next, clock, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            store.Changed -= signal.Ping;
            if (clock is EmulatorClock moved) moved.Moved -= signal.Ping;
            for (var i = 0; i < Math.Max(1, options.Concurrency); i++) await slots.WaitAsync(CancellationToken.None);
        }
    }

    long seen = -1, generation = -1;

    /// <summary>Makes a delivery of each payment event not seen yet. Events that call for no delivery (no notification URL
    /// anywhere) only move the cursor in memory; a batch with deliveries stores them and the cursor in one write.</summary>
    void Ingest()
    {
        var t = store.PaymentTables();
        while (true)
        {
            if (generation != store.Generation) (generation, seen) = (store.Generation, StoredCursor());
            var events = t.EventIndex.After(PaymentTables.AllGroup, seen, 100).Select(t.Events.FindById).OfType<PaymentEvent>().ToList();
            if (events.Count == 0) return;
            var last = events[^1].Id;
            var targeted = events.Select(e => (Event: e, Url: Target(e))).Where(t => t.Url is not null).ToList();
            if (targeted.Count > 0)
                store.Write(() =>
                {
                    if (generation != store.Generation) return 0; // reset meanwhile: these events are gone
                    foreach (var (e, url) in targeted)
                    {
                        store.WebhookDeliveries().Insert(DeliveryFor(e, url!));
                        if (OrderDeliveryFor(e, url!) is { } order) store.WebhookDeliveries().Insert(order);
                    }
                    store.Settings.Upsert(new BsonDocument { ["_id"] = "payment_events", ["value"] = last });
                    return 0;
                });
            if (generation == store.Generation) seen = last;
        }
    }

    long StoredCursor() => store.Settings.FindById("payment_events")?["value"].AsInt64 ?? 0;

    string? Target(PaymentEvent e) =>
        WebhookRules.Target(store.AnyPayment(e.PaymentId)?.NotificationUrl, SellerOf(e.OwnerId).NotificationUrl, options.Url);

    WebhookDelivery DeliveryFor(PaymentEvent e, string target)
    {
        var id = store.Next("webhook_deliveries", WebhookRules.FirstDeliveryId);
        var now = clock.GetUtcNow();
        return WebhookRules.Delivery(id, target, options.Ipn, e.OwnerId, e.PaymentId, e.Action, e.Date, emulator.Offset, now) with { EventId = e.Id };
    }

    /// <summary>The <c>order</c> notification of an event of a payment charged for an order (see <see cref="Orders.OrderNotices"/>).</summary>
    WebhookDelivery? OrderDeliveryFor(PaymentEvent e, string target)
    {
        if (Orders.OrderNotices.Of(store, e) is not var (orderId, action, data)) return null;
        var id = store.Next("webhook_deliveries", WebhookRules.FirstDeliveryId);
        return WebhookRules.OrderDelivery(id, target, e.OwnerId, e.PaymentId, orderId, action, data, e.Date, emulator.Offset, clock.GetUtcNow())
            with { EventId = e.Id };
    }

    /// <summary>Starts every due delivery that is first in line for its payment, as far as free slots allow.
    /// Returns when the earliest waiting one falls due.</summary>
    DateTimeOffset? Dispatch(CancellationToken stopping)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? next = null;
        var busy = new HashSet<(long, long)>();
        // Read before the deliveries: a send records its attempt before it leaves this set, so one that has left it
        // is seen as delivered (or rescheduled) below, never as pending and due again.
        var inFlight = sending.Keys.ToHashSet();
        foreach (var d in store.PendingDeliveries())
        {
            if (WebhookRules.OrderKey(d) is { } key && !busy.Add(key)) continue;
            if (inFlight.Contains(d.Id)) continue;
            if (d.NextAttemptAt > now)
            {
                next = next is null || d.NextAttemptAt < next ? d.NextAttemptAt : next;
                continue;
            }
            if (!slots.Wait(0)) break;
            sending[d.Id] = true;
            _ = Task.Run(async () =>
            {
                try
                {
                    await Attempt(d, stopping);
                }
                catch (Exception e)
                {
                    log.LogError(e, "Webhook {Id} could not be attempted", d.Id);
                }
                finally
                {
                    sending.TryRemove(d.Id, out _);
                    slots.Release();
                    signal.Ping();
                }
            }, CancellationToken.None);
        }
        return next;
    }

    async Task Attempt(WebhookDelivery d, CancellationToken stopping)
    {
        var secret = SecretOf(SellerOf(d.OwnerId));
        var at = clock.GetUtcNow();
        var body = WebhookRules.ForAttempt(d.Body, d.Id, d.Attempts.Count);
        var attempt = new WebhookAttempt { At = at, RequestId = Guid.NewGuid().ToString(), NotificationId = (long?)body["id"] };
        attempt.Signature = WebhookSigner.Header(secret, WebhookRules.SignedDataId(d.Url), attempt.RequestId, at);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            deadline.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, d.Url) { Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Wire)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("x-request-id", attempt.RequestId);
            request.Headers.TryAddWithoutValidation("x-signature", attempt.Signature);
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.ResponseBody = await FirstBytes(response, deadline.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return; // shutting down: the delivery stays pending and goes out after the restart
        }
        catch (OperationCanceledException)
        {
            attempt.Error = $"no answer within {timeout.TotalSeconds:0.###} s";
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or UriFormatException)
        {
            attempt.Error = e.Message;
        }
        attempt.LatencyMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var outcome = Record(d.Id, attempt, secret);
        Metrics.EmulatorMetrics.WebhookAttempted(outcome == "pending" ? "retry" : outcome, TimeSpan.FromMilliseconds(attempt.LatencyMs));
        log.LogInformation("Webhook {Id} {Action} of payment {Payment} to {Url}: {Result} in {Latency} ms, now {Status}",
            d.Id, d.Action, d.PaymentId, d.Url, attempt.StatusCode?.ToString() ?? attempt.Error, attempt.LatencyMs, outcome);
    }

    string Record(long id, WebhookAttempt attempt, string secret) => store.Write(() =>
    {
        var before = store.WebhookDeliveries().FindById(id)!;
        var attempts = before.Attempts.Append(attempt).ToList();
        var next = WebhookRules.Succeeded(attempt) ? null : WebhookRules.NextAttempt(schedule, attempts.Count, clock.GetUtcNow());
        var d = before with
        {
            Attempts = attempts, Secret = secret, NextAttemptAt = next,
            Status = WebhookRules.Succeeded(attempt) ? "delivered" : next is null ? "failed" : "pending",
        };
        store.WebhookDeliveries().Update(d);
        return d.Status;
    });

    static async Task<string> FirstBytes(HttpResponseMessage response, CancellationToken token)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        var buffer = new byte[WebhookRules.MaxResponseBytes];
        int filled = 0, read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), token)) > 0) filled += read;
        return System.Text.Encoding.UTF8.GetString(buffer, 0, filled);
    }

    /// <summary>A seller as configuration or a fixture registered it (its secret and default URL), else a bare one.</summary>
    Seller SellerOf(long owner) =>
        sellers.Registered.FirstOrDefault(s => s.AccessToken.Length > 0 && SellerDirectory.UserIdOf(s.AccessToken) == owner) is { } s
        && sellers.ByAccessToken(s.AccessToken) is { } registered
            ? registered
            : new Seller(owner, emulator.Site, null, null, null, null);

    static string SecretOf(Seller seller) =>
        string.IsNullOrEmpty(seller.WebhookSecret) ? WebhookSigner.DerivedSecret(seller.Id) : seller.WebhookSecret;
}
