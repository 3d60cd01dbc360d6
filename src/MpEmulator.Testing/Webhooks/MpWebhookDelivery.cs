using System.Text.Json.Nodes;

namespace MpEmulator.Testing.Webhooks;

/// <summary>One notification an inbox received, with its signature already checked against the seller's secret.</summary>
public sealed record MpWebhookDelivery
{
    public required string Method { get; init; }
    /// <summary>The query string as sent, with its <c>?</c> (<c>?data.id=...&amp;type=payment</c>).</summary>
    public required string QueryString { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    /// <summary>Headers by lowercase name.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required string Body { get; init; }
    public required MpSignatureVerdict Signature { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The body as JSON, when it is a JSON object.</summary>
    public JsonObject? Json { get; init; }

    public bool SignatureValid => Signature == MpSignatureVerdict.Valid;

    /// <summary><c>payment</c> (the webhook's <c>type</c>, or an IPN's <c>topic</c>).</summary>
    public string? Type => Query.GetValueOrDefault("type") ?? Query.GetValueOrDefault("topic");

    /// <summary><c>payment.created</c> or <c>payment.updated</c>.</summary>
    public string? Action => Value(Json?["action"]);

    /// <summary>The resource id, as the signature covers it: the query's <c>data.id</c>.</summary>
    public string? DataId => Query.GetValueOrDefault("data.id") ?? Query.GetValueOrDefault("id");

    public long? UserId => long.TryParse(Value(Json?["user_id"]), out var id) ? id : null;

    public string? RequestId => Headers.GetValueOrDefault("x-request-id");

    public string? SignatureHeader => Headers.GetValueOrDefault("x-signature");

    /// <summary>When Mercado Pago signed it (the emulator's clock, which tests may have moved).</summary>
    public DateTimeOffset? SignedAt => MpSignature.Timestamp(SignatureHeader);

    static string? Value(JsonNode? node) => node is JsonValue v ? v.ToString() : null;
}
