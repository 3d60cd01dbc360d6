using System.Text.Json.Nodes;
using MpEmulator.Infrastructure;

namespace MpEmulator.Webhooks;

/// <summary>One notification for one payment event (or a replay, or a test send): what is sent, where, and every
/// attempt made so far. It stays <c>pending</c> until an attempt gets a 200 or 201 or the retry schedule runs out.</summary>
public sealed record WebhookDelivery : IOwned
{
    public long Id { get; set; }
    public long OwnerId { get; set; }
    public long PaymentId { get; set; }
    /// <summary>The payment event this delivery announces; null for replays and test sends.</summary>
    public long? EventId { get; set; }
    public long? ReplayOf { get; set; }
    /// <summary><c>event</c>, <c>replay</c> or <c>test</c>.</summary>
    public string Source { get; set; } = "event";
    public string Topic { get; set; } = "payment";
    public string Action { get; set; } = "";
    /// <summary><c>webhook</c> (signed JSON with <c>data.id</c>) or <c>ipn</c> (the older <c>topic</c>/<c>id</c> form).</summary>
    public string Form { get; set; } = "webhook";
    public string Url { get; set; } = "";
    public JsonObject Body { get; set; } = [];
    public string Status { get; set; } = "pending";
    /// <summary>The secret the last attempt was signed with, so a developer can check their own verifier.</summary>
    public string? Secret { get; set; }
    public List<WebhookAttempt> Attempts { get; set; } = [];
    public DateTimeOffset DateCreated { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
}

public sealed record WebhookAttempt
{
    public DateTimeOffset At { get; set; }
    public string RequestId { get; set; } = "";
    /// <summary>The body's <c>id</c> this attempt sent (new on every attempt); null in the IPN form, which has none.</summary>
    public long? NotificationId { get; set; }
    public string Signature { get; set; } = "";
    public int? StatusCode { get; set; }
    public long LatencyMs { get; set; }
    /// <summary>The receiver's answer, cut to <see cref="WebhookRules.MaxResponseBytes"/>.</summary>
    public string? ResponseBody { get; set; }
    /// <summary>Why no answer came: a timeout or a connection error.</summary>
    public string? Error { get; set; }
}

/// <summary>The <c>Webhooks</c> section of configuration.</summary>
public sealed class WebhookOptions
{
    /// <summary>Where notifications go when neither the payment nor its seller names a URL.</summary>
    public string? Url { get; set; }
    /// <summary>Send every notification in the older IPN form, not only to URLs that carry <c>source_news=ipn</c>.</summary>
    public bool Ipn { get; set; }
    public double TimeoutSeconds { get; set; } = 5;
    public int Concurrency { get; set; } = 4;
    /// <summary>Waits before each retry; once they are used up the delivery is failed.</summary>
    public string Retries { get; set; } = "1s,5s,30s,2m";
}

/// <summary>Body of <c>POST /__admin/webhooks/test</c>.</summary>
public sealed record WebhookTestRequest(string? Url, long? Seller, bool? Ipn);
