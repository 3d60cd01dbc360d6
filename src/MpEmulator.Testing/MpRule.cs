using System.Text.Json.Nodes;

namespace MpEmulator.Testing;

/// <summary>A scenario rule (fixtures/README.md): when a request matches, answer with an outcome, an error, a fault,
/// a delay or a dropped connection, after letting <see cref="After"/> matches through, for <see cref="Times"/> matches.
/// <c>MpRule.For(seller, "POST", "/v1/payments").Fault(503) with { Times = 2 }</c></summary>
public sealed record MpRule
{
    public string? Id { get; init; }
    public JsonObject Match { get; init; } = new();
    public JsonObject Respond { get; init; } = new();
    public int? Times { get; init; }
    public int After { get; init; }

    /// <summary>How many requests matched so far (as read back from the emulator).</summary>
    public int Seen { get; init; }

    /// <summary>How many of them the rule answered.</summary>
    public int Applied { get; init; }

    /// <summary>A rule for one seller's requests only, so it cannot touch other tests on the same server.
    /// <paramref name="path"/> may use <c>*</c> for one segment.</summary>
    public static MpRule For(MpSeller seller, string? method = null, string? path = null) =>
        new() { Match = With(With(new JsonObject { ["seller"] = seller.AccessToken }, "method", method), "path", path) };

    /// <summary>Also requires a request field, by its dotted path (<c>transaction_amount</c>, <c>payer.email</c>, <c>cardholder.name</c>).</summary>
    public MpRule Where(string field, JsonNode value) => this with { Match = With(Match, field, value) };

    /// <summary>Answers with this HTTP status and MP's error envelope (or <paramref name="body"/>).</summary>
    public MpRule Fault(int httpStatus, JsonNode? body = null) =>
        this with { Respond = With(With(Respond, "http_status", httpStatus), "body", body) };

    /// <summary>Creates the payment with this status and detail instead of the cardholder's.</summary>
    public MpRule Outcome(string status, string? statusDetail = null) =>
        this with { Respond = With(With(Respond, "status", status), "status_detail", statusDetail) };

    /// <summary>Answers with an error of the emulator's catalog (<c>"2034"</c>, <c>"101"</c>, ...).</summary>
    public MpRule Error(string code) => this with { Respond = With(Respond, "error_code", code) };

    public MpRule Delay(TimeSpan delay) => this with { Respond = With(Respond, "delay_ms", (int)delay.TotalMilliseconds) };

    public MpRule DropConnection() => this with { Respond = With(Respond, "drop_connection", true) };

    /// <summary>The rule as the admin API takes it.</summary>
    internal JsonObject ToJson() => With(With(new JsonObject { ["match"] = Match.DeepClone(), ["respond"] = Respond.DeepClone(), ["after"] = After },
        "id", Id), "times", Times);

    static JsonObject With(JsonObject source, string key, JsonNode? value)
    {
        var copy = (JsonObject)source.DeepClone();
        if (value is null) copy.Remove(key);
        else copy[key] = value.DeepClone();
        return copy;
    }
}
