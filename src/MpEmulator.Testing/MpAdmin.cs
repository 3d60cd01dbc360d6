using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace MpEmulator.Testing;

/// <summary>Typed calls to the emulator's <c>/__admin</c> control plane. The clock, a full reset and rules without a
/// seller act on the whole server: tests that use them want a server of their own (a class fixture).</summary>
public sealed class MpAdmin
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    readonly HttpClient http;

    internal MpAdmin(HttpClient http) => this.http = http;

    /// <summary>Forgets everything on the server (then loads the start-up fixtures again).</summary>
    public Task ResetAsync() => Post("/__admin/reset", new JsonObject());

    /// <summary>Forgets one seller's customers, cards, tokens and payments; the seller stays registered.</summary>
    public Task ResetAsync(MpSeller seller) => Post("/__admin/reset", new JsonObject { ["seller"] = seller.AccessToken });

    public async Task<MpFixtureSummary> LoadFixtureAsync(string path) =>
        await LoadFixtureAsync(JsonNode.Parse(await File.ReadAllTextAsync(path)) as JsonObject
                               ?? throw new ArgumentException($"{path} does not hold a JSON object", nameof(path)));

    /// <summary>Loads a fixture (<c>sellers</c>, <c>customers</c>, <c>payments</c>, <c>rules</c>); an invalid one loads nothing.</summary>
    public async Task<MpFixtureSummary> LoadFixtureAsync(JsonObject fixture) =>
        (await Post("/__admin/fixtures", fixture))!.Deserialize<MpFixtureSummary>(Json)!;

    /// <summary>Adds a scenario rule; answers it as stored, with its id.</summary>
    public async Task<MpRule> AddRuleAsync(MpRule rule) =>
        (await Post("/__admin/rules", rule.ToJson()))!.AsArray()[0].Deserialize<MpRule>(Json)!;

    public async Task<IReadOnlyList<MpRule>> RulesAsync() =>
        (await Send(HttpMethod.Get, "/__admin/rules"))!.Deserialize<List<MpRule>>(Json)!;

    public Task RemoveRuleAsync(string id) => Send(HttpMethod.Delete, $"/__admin/rules/{Uri.EscapeDataString(id)}");

    public Task ClearRulesAsync() => Send(HttpMethod.Delete, "/__admin/rules");

    /// <summary>The emulator's now.</summary>
    public async Task<DateTimeOffset> NowAsync() => Now(await Send(HttpMethod.Get, "/__admin/clock"));

    /// <summary>Moves the emulator's time forward; authorizations, Pix and tickets expire, money is released.</summary>
    public async Task<DateTimeOffset> AdvanceClockAsync(TimeSpan by) =>
        Now(await Post("/__admin/clock/advance", new JsonObject { ["duration"] = XmlConvert.ToString(by) }));

    public async Task<DateTimeOffset> SetClockAsync(DateTimeOffset now) =>
        Now(await Post("/__admin/clock/set", new JsonObject { ["now"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz") }));

    /// <summary>What only the outside world does to a payment (the buyer pays a Pix, the issuer charges back, ...);
    /// answers the payment as it is afterwards.</summary>
    public async Task<JsonObject> PaymentActionAsync(long paymentId, MpPaymentAction action, string? statusDetail = null) =>
        (await Post($"/__admin/payments/{paymentId}/actions", new JsonObject
        {
            ["action"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(action.ToString()), ["status_detail"] = statusDetail,
        }))!.AsObject();

    /// <summary>What only the outside world does to the payment of an order (the buyer pays its Pix or ticket, the bank
    /// rejects it, ...); answers the order as the Orders API shows it afterwards.</summary>
    public async Task<JsonObject> OrderActionAsync(string orderId, MpPaymentAction action, string? statusDetail = null) =>
        (await Post($"/__admin/orders/{Uri.EscapeDataString(orderId)}/actions", new JsonObject
        {
            ["action"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(action.ToString()), ["status_detail"] = statusDetail,
        }))!.AsObject();

    /// <summary>Orders of every seller, or of one, newest first, as the Orders API shows them (with their transactions).</summary>
    public async Task<IReadOnlyList<JsonObject>> OrdersAsync(MpSeller? seller = null, int limit = 100) =>
        (await Send(HttpMethod.Get, $"/__admin/orders?limit={limit}" + (seller is null ? "" : $"&seller={seller.UserId}")))!["results"]!
        .AsArray().Select(o => o!.AsObject()).ToList();

    /// <summary>The request journal, newest first; card numbers and security codes are masked.</summary>
    public async Task<IReadOnlyList<MpJournalEntry>> RequestsAsync(MpSeller? seller = null, string? path = null, string? method = null,
        int? status = null, int limit = 100)
    {
        var query = new List<string> { $"limit={limit}" };
        if (seller is not null) query.Add($"seller={seller.UserId}");
        if (path is not null) query.Add($"path={Uri.EscapeDataString(path)}");
        if (method is not null) query.Add($"method={method}");
        if (status is not null) query.Add($"status={status}");
        return (await Send(HttpMethod.Get, "/__admin/requests?" + string.Join('&', query)))!.Deserialize<List<MpJournalEntry>>(Json)!;
    }

    static DateTimeOffset Now(JsonNode? clock) => DateTimeOffset.Parse((string)clock!["now"]!);

    Task<JsonNode?> Post(string path, JsonNode? body) =>
        Send(HttpMethod.Post, path, JsonContent.Create(body, options: Json));

    internal async Task<JsonNode?> Send(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request);
        return await Read(response);
    }

    internal static async Task<JsonNode?> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new MpAdminException((int)response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} " +
                                                                  $"answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}

public enum MpPaymentAction { Approve, Reject, Expire, Mediate, ChargeBack, SettleMediation }

public sealed class MpAdminException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

public sealed record MpFixtureSummary(int Sellers, int Customers, int Cards, int Payments, int Rules);

/// <summary>One API request the emulator answered, as its journal keeps it.</summary>
public sealed record MpJournalEntry(long Id, DateTimeOffset Date, string Method, string Path, string Query, int Status, long? SellerId,
    double LatencyMs, string? RequestBody, string? ResponseBody, string? IdempotencyKey, string? Note);
