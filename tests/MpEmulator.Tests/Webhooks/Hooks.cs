using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Webhooks;

/// <summary>Paying, and waiting for what the emulator delivers in the background. The waits poll on real time with a
/// bound because they wait for background I/O; they never assert how long anything took.</summary>
public static class Hooks
{
    public static readonly TimeSpan MpOffset = TimeSpan.FromHours(-4);

    public static async Task<long> Pay(this Api api, string? notificationUrl = null, bool capture = true)
    {
        var token = await api.CardToken("APRO");
        var reply = await api.Post("/v1/payments", new
        {
            transaction_amount = 100, token, installments = 1, payment_method_id = "master", capture,
            notification_url = notificationUrl, payer = new { email = "test_payer_1@testuser.com" },
        });
        return (long)reply.Is(HttpStatusCode.Created)["id"]!;
    }

    public static EmulatorApp App(params (string Key, string? Value)[] settings) =>
        EmulatorApp.With(settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>The deliveries matching an admin query (e.g. <c>payment_id=1</c>), oldest first.</summary>
    public static async Task<List<JsonNode>> Deliveries(this EmulatorApp app, string query)
    {
        var page = JsonNode.Parse(await app.CreateClient().GetStringAsync($"/__admin/webhooks?{query}"))!;
        return page["results"]!.AsArray().Select(d => d!).Reverse().ToList();
    }

    public static async Task<List<JsonNode>> DeliveriesWhen(this EmulatorApp app, string query, Func<List<JsonNode>, bool> condition)
    {
        List<JsonNode> seen = [];
        return await Eventually(async () => (seen = await app.Deliveries(query)) is var list && condition(list) ? list : null,
            () => $"deliveries of {query}; last seen: {new JsonArray([.. seen.Select(d => d.DeepClone())])}");
    }

    /// <summary>The payment's only delivery, once it satisfies the condition.</summary>
    public static async Task<JsonNode> DeliveryWhen(this EmulatorApp app, long paymentId, Func<JsonNode, bool> condition) =>
        (await app.DeliveriesWhen($"payment_id={paymentId}", list => list.Count == 1 && condition(list[0])))[0];

    /// <summary>Moves the emulator clock to each retry the payment's delivery schedules, until it is delivered or failed.</summary>
    public static async Task<JsonNode> Settled(this EmulatorApp app, long paymentId)
    {
        while (true)
        {
            var delivery = await app.DeliveryWhen(paymentId, d => d.Status() != "pending" || NextAttempt(d) > app.Clock.GetUtcNow());
            if (NextAttempt(delivery) is not { } next) return delivery;
            app.Clock.SetUtcNow(next.ToUniversalTime()); // FakeTimeProvider schedules by the ticks of the value as given
        }
    }

    static DateTimeOffset? NextAttempt(JsonNode d) => d["next_attempt_at"] is { } at ? DateTimeOffset.Parse((string)at!) : null;

    public static Task<IReadOnlyList<Received>> WaitFor(this Receiver receiver, int count) =>
        Eventually(() => Task.FromResult(receiver.Requests.Count >= count ? receiver.Requests : null),
            () => $"{count} requests at the receiver; got {receiver.Requests.Count}");

    public static JsonArray Attempts(this JsonNode delivery) => delivery["attempts"]!.AsArray();

    public static string Status(this JsonNode delivery) => (string)delivery["status"]!;

    public static string Mp(DateTimeOffset at) => at.ToOffset(MpOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, Func<string> what) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until) Assert.Fail($"Timed out waiting for {what()}");
            await Task.Delay(20);
        }
    }
}
