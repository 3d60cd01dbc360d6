using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using MpEmulator.Infrastructure;

namespace MpEmulator.Webhooks;

/// <summary>What a notification looks like and when it is tried again. No HTTP, no storage, no clock.</summary>
public static class WebhookRules
{
    public const long FirstDeliveryId = 110_000_000_000;
    public const int MaxResponseBytes = 2048;

    /// <summary>The payment's own URL wins over the seller's, which wins over the emulator-wide one.</summary>
    public static string? Target(string? paymentUrl, string? sellerUrl, string? defaultUrl) =>
        new[] { paymentUrl, sellerUrl, defaultUrl }.FirstOrDefault(u => !string.IsNullOrWhiteSpace(u));

    public static bool WantsIpn(string url, bool ipnSetting) => ipnSetting || Query(url, "source_news") == "ipn";

    /// <summary>A new delivery of a payment notification to <paramref name="target"/>, due now.</summary>
    public static WebhookDelivery Delivery(long id, string target, bool ipnSetting, long owner, long paymentId, string action,
        DateTimeOffset date, TimeSpan offset, DateTimeOffset now)
    {
        var ipn = WantsIpn(target, ipnSetting);
        return new WebhookDelivery
        {
            Id = id, OwnerId = owner, PaymentId = paymentId, Action = action, Form = ipn ? "ipn" : "webhook",
            Url = Url(target, paymentId, ipn),
            Body = ipn ? IpnBody(paymentId) : WebhookBody(id, action, date, offset, owner, paymentId),
            DateCreated = now, NextAttemptAt = now,
        };
    }

    /// <summary>Mercado Pago's webhook body; <c>data.id</c> is a string, the notification id a number.</summary>
    public static JsonObject WebhookBody(long notificationId, string action, DateTimeOffset date, TimeSpan offset, long userId, long paymentId) => new()
    {
        ["id"] = notificationId,
        ["live_mode"] = false,
        ["type"] = "payment",
        ["date_created"] = MpJson.Format(date, offset),
        ["user_id"] = userId,
        ["api_version"] = "v1",
        ["action"] = action,
        ["data"] = new JsonObject { ["id"] = paymentId.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>The body of attempt <paramref name="attempt"/> (0 the first): Mercado Pago gives every attempt a notification
    /// id of its own, so a retry carries a new <c>id</c>, derived from the delivery's and unique to the attempt.</summary>
    public static JsonObject ForAttempt(JsonObject body, long deliveryId, int attempt)
    {
        if (attempt == 0 || body["id"] is null) return body;
        var copy = (JsonObject)body.DeepClone();
        copy["id"] = deliveryId * 1000 + attempt;
        return copy;
    }

    /// <summary>An <c>order</c> notification (webhook form only: orders have no IPN), announced by its payment's event
    /// and queued behind that payment's own notifications. The body's <c>data</c> carries the order's summary.</summary>
    public static WebhookDelivery OrderDelivery(long id, string target, long owner, long paymentId, string orderId, string action,
        JsonObject data, DateTimeOffset date, TimeSpan offset, DateTimeOffset now) => new()
    {
        Id = id, OwnerId = owner, PaymentId = paymentId, Topic = "order", Action = action, Form = "webhook",
        Url = QueryHelpers.AddQueryString(target, new KeyValuePair<string, string?>[] { new("data.id", orderId), new("type", "order") }),
        Body = new JsonObject
        {
            ["action"] = action,
            ["api_version"] = "v1",
            ["data"] = data,
            ["date_created"] = MpJson.Format(date, offset),
            ["id"] = id,
            ["live_mode"] = false,
            ["type"] = "order",
            ["user_id"] = owner.ToString(CultureInfo.InvariantCulture),
        },
        DateCreated = now, NextAttemptAt = now,
    };

    public static JsonObject IpnBody(long paymentId) => new()
    {
        ["resource"] = paymentId.ToString(CultureInfo.InvariantCulture),
        ["topic"] = "payment",
    };

    /// <summary>The target with the notification's query appended, keeping whatever query it already had.</summary>
    public static string Url(string target, long paymentId, bool ipn)
    {
        var id = paymentId.ToString(CultureInfo.InvariantCulture);
        KeyValuePair<string, string?>[] query = ipn ? [new("topic", "payment"), new("id", id)] : [new("data.id", id), new("type", "payment")];
        return QueryHelpers.AddQueryString(target, query);
    }

    /// <summary>The <c>data.id</c> a receiver reads from the query string, the one the signature covers.</summary>
    public static string? SignedDataId(string url) => Query(url, "data.id");

    static string? Query(string url, string name) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value)
            ? value.ToString()
            : null;

    /// <summary>Reads a schedule such as <c>1s,5s,30s,2m</c> (units ms, s, m, h).</summary>
    public static IReadOnlyList<TimeSpan> Schedule(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Wait).ToArray();

    static TimeSpan Wait(string item)
    {
        var unit = item.EndsWith("ms") ? "ms" : item[^1..];
        var number = item[..^unit.Length];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0)
            throw new FormatException($"Webhooks:Retries: '{item}' is not a wait such as 500ms, 5s, 2m or 1h");
        return unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => throw new FormatException($"Webhooks:Retries: '{item}' is not a wait such as 500ms, 5s, 2m or 1h"),
        };
    }

    /// <summary>When to try again after <paramref name="failedAttempts"/> failures, or null when it is time to give up.</summary>
    public static DateTimeOffset? NextAttempt(IReadOnlyList<TimeSpan> schedule, int failedAttempts, DateTimeOffset now) =>
        failedAttempts >= 1 && failedAttempts <= schedule.Count ? now + schedule[failedAttempts - 1] : null;

    /// <summary>Mercado Pago takes only 200 or 201 as an acknowledgement (contract §11.1): a 204 or 202 is retried.</summary>
    public static bool Succeeded(WebhookAttempt a) => a is { StatusCode: 200 or 201, Error: null };

    /// <summary>Deliveries that share a key go out one at a time, in id order: a payment's created before its updated.</summary>
    public static (long Owner, long Payment)? OrderKey(WebhookDelivery d) => d.Source == "test" ? null : (d.OwnerId, d.PaymentId);
}
