using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Fuzz;

/// <summary>One fuzzing run's state: the sellers it acts as, the ids it has made (so hostile requests also reach real
/// documents, its own and another seller's), and what it found.</summary>
sealed class Fuzzer(HttpClient http, PCG pcg)
{
    public PCG Pcg => pcg;
    public readonly List<string> Failures = [];
    public readonly Dictionary<int, int> Statuses = [];
    public int ServerErrors, NotEnvelope;

    readonly string seller = Sellers.Fresh(), other = Sellers.Fresh();
    readonly Dictionary<string, List<string>> ids = [];
    string lastIdempotencyKey = Guid.NewGuid().ToString();

    T Draw<T>(Gen<T> gen) => gen.Generate(pcg, null!, out _);
    bool Chance(int percent) => pcg.Next(100) < percent;
    T Pick<T>(IReadOnlyList<T> items) => items[(int)pcg.Next((uint)items.Count)];

    /// <summary>A customer with a card, a token, payments (one approved and refunded, one authorized, one Pix) and a rule,
    /// for this seller and another.</summary>
    public async Task Setup()
    {
        foreach (var token in new[] { seller, other })
        {
            var customer = await Made(token, "/v1/customers", new JsonObject { ["email"] = $"fuzz{pcg.Next()}@example.com" }, "customerId");
            var card = await Made(token, $"/v1/customers/{customer}/cards", new JsonObject { ["token"] = await Made(token, "/v1/card_tokens", CardTokenBody(), "id") }, "cardId");
            var approved = await Made(token, "/v1/payments", PaymentBody(await Made(token, "/v1/card_tokens", CardTokenBody(), "id")), "id");
            await Made(token, $"/v1/payments/{approved}/refunds", new JsonObject { ["amount"] = 1 }, "refundId");
            var authorized = PaymentBody(await Made(token, "/v1/card_tokens", CardTokenBody(), "id"));
            authorized["capture"] = false;
            await Made(token, "/v1/payments", authorized, "id");
            await Made(token, "/v1/payments", new JsonObject { ["transaction_amount"] = 10, ["payment_method_id"] = "pix", ["payer"] = new JsonObject { ["email"] = "p@b.com" } }, "id");
            _ = card;
        }
    }

    async Task<string> Made(string token, string path, JsonObject body, string kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("X-Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, $"setup {path}: {json.ToJsonString()}");
        var id = json["id"]!.ToString();
        Remember(kind, id);
        return id;
    }

    void Remember(string kind, string id)
    {
        if (!ids.TryGetValue(kind, out var list)) ids[kind] = list = [];
        if (list.Count < 50) list.Add(id);
    }

    public async Task Send(FuzzTests.Route route, int index)
    {
        var path = string.Join("/", route.Template.Split('/').Select(part =>
            part.StartsWith('{') ? PathValue(part.Trim('{', '}', '*')) : part));
        var query = route.QueryParams.Where(_ => Chance(40)).Select(name => $"{name}={Draw(Hostile.QueryValue)}").ToList();
        if (Chance(5)) query.Add($"{Draw(Hostile.Text).Length}unknown={Draw(Hostile.QueryValue)}");
        var url = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");

        using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        var body = route.HasBody || Chance(5) ? Body(route) : null;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            var type = Pick(["application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "application/json; charset=utf-16", ""]);
            if (type.Length > 0) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }
        Authorize(request);
        if (Chance(90)) request.Headers.TryAddWithoutValidation("X-Idempotency-Key", IdempotencyKey());

        HttpResponseMessage response;
        try { response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Failures.Add($"#{index} {route.Method} {Cut(url)} body {Cut(body)}: no answer ({e.GetType().Name}: {e.Message})");
            return;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream") return;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500) ServerErrors++;
            var enveloped = status < 400 || IsEnvelope(text, status, path);
            if (!enveloped) NotEnvelope++;
            if (status >= 500 || !enveloped)
                Failures.Add($"#{index} {route.Method} {Cut(url)} body {Cut(body)} -> {status} {Cut(text)}");
            if (status is >= 200 and < 300) await Learn(route, text);
        }
    }

    /// <summary>Keeps new ids, and undoes what would make later answers deliberate faults (scenario rules) or wipe the
    /// documents the run aims at (a full reset).</summary>
    async Task Learn(FuzzTests.Route route, string text)
    {
        if (route.Method == "POST" && route.Template is "/__admin/rules" or "/__admin/fixtures")
            (await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/__admin/rules"))).Dispose();
        if (route.Method == "POST" && route.Template == "/__admin/reset") await Setup();
        if (text.Length == 0 || !text.StartsWith('{')) return;
        var json = JsonNode.Parse(text) as JsonObject;
        if (json?["transactions"] is JsonObject { } ofOrder && ofOrder["payments"] is JsonArray transactions)
            foreach (var transaction in transactions) Remember("id", transaction!["id"]!.ToString());
        if (route.Method == "POST" && json is JsonObject { } created && created["id"] is JsonValue id)
            Remember(route.Template.EndsWith("/refunds", StringComparison.Ordinal) ? "refundId"
                : route.Template.EndsWith("/cards", StringComparison.Ordinal) ? "cardId"
                : route.Template == "/v1/customers" ? "customerId" : "id", id.ToString());
    }

    /// <summary>Mercado Pago's envelope; under <c>/v1/orders</c> the Orders API's own <c>{"errors":[{code, message, details}]}</c>
    /// is as right (authentication answers there still use the envelope).</summary>
    static bool IsEnvelope(string text, int status, string path)
    {
        static bool IsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String;
        try
        {
            var o = JsonNode.Parse(text) as JsonObject;
            return (o is not null && IsString(o["message"]) && IsString(o["error"]) && o["status"] is JsonValue s && (int)s == status
                    && o["cause"] is JsonArray)
                   || (path.StartsWith("/v1/orders", StringComparison.Ordinal) && o?["errors"] is JsonArray { Count: > 0 } errors
                       && errors.All(e => IsString(e?["code"]) && IsString(e?["message"]) && e?["details"] is JsonArray));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    string PathValue(string name)
    {
        var kind = name is "customerId" or "cardId" or "refundId" ? name : "id";
        return Chance(50) && ids.TryGetValue(kind, out var known) ? Pick(known) : Draw(Hostile.Segment);
    }

    void Authorize(HttpRequestMessage request)
    {
        var roll = pcg.Next(100);
        if (roll < 75) request.Headers.Authorization = new("Bearer", seller);
        else if (roll < 85) request.Headers.Authorization = new("Bearer", other);
        else if (roll < 95) request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer ", "Bearer", "Basic eDp5", "bearer x",
            "Bearer " + new string('t', 3000), "Bearer TEST-1-" + Hostile.Escape(Draw(Hostile.Text))]));
    }

    string IdempotencyKey()
    {
        var roll = pcg.Next(100);
        if (roll < 10) return lastIdempotencyKey;
        if (roll < 15) return Pick(["", " ", new string('k', 2000), "\t"]);
        return lastIdempotencyKey = Guid.NewGuid().ToString();
    }

    byte[] Body(FuzzTests.Route route)
    {
        var roll = pcg.Next(100);
        if (roll < 15) return Draw(Hostile.RawBody);
        var example = Example(route);
        if (roll < 25) return Encoding.UTF8.GetBytes(example.ToJsonString());
        var mutated = Mutate(example);
        // A large but valid size is real work (generating a million payments), not a hostile input.
        return Encoding.UTF8.GetBytes(route.Template == "/__admin/generate" && Sizes(mutated).Any(n => n > 1000) ? Example(route).ToJsonString() : mutated);
    }

    static IEnumerable<double> Sizes(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject o
                ? o.Select(p => p.Value is JsonValue v && v.TryGetValue<double>(out var n) ? n : 0).ToList()
                : [];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException) { return []; }
    }

    /// <summary>The example with one field (at any depth) replaced by a hostile value, removed, or joined by an unknown one.</summary>
    string Mutate(JsonObject example)
    {
        const string Marker = "\u0001hostile\u0001";
        var fields = new List<(JsonObject Parent, string Name)>();
        void Walk(JsonObject o)
        {
            foreach (var (name, value) in o.ToList())
            {
                fields.Add((o, name));
                if (value is JsonObject child) Walk(child);
            }
        }
        Walk(example);
        var (parent, field) = fields.Count > 0 ? Pick(fields) : (example, "x");
        switch (pcg.Next(10))
        {
            case 0: parent.Remove(field); break;
            case 1: parent[Draw(Hostile.Text)] = Marker; break;
            default: parent[field] = Marker; break;
        }
        return example.ToJsonString().Replace(System.Text.Json.JsonSerializer.Serialize(Marker), Draw(Hostile.Value));
    }

    JsonObject Example(FuzzTests.Route route) => (route.Method, route.Template) switch
    {
        ("POST", "/v1/customers") => new() { ["email"] = $"f{pcg.Next()}@example.com", ["first_name"] = "Ana", ["phone"] = new JsonObject { ["area_code"] = "11", ["number"] = "999" } },
        ("PUT", "/v1/customers/{id}") => new() { ["first_name"] = "Bia", ["default_card"] = Known("cardId") },
        ("POST", "/v1/customers/{customerId}/cards") => new() { ["token"] = Known("id") },
        ("PUT", "/v1/customers/{customerId}/cards/{cardId}") => new() { ["expiration_month"] = 12, ["expiration_year"] = 2031 },
        ("POST", "/v1/card_tokens") => CardTokenBody(),
        ("POST", "/v1/payments") => PaymentBody(Known("id")),
        ("POST", "/v1/orders") => new()
        {
            ["type"] = "online", ["processing_mode"] = "automatic", ["capture_mode"] = Pick(["automatic", "manual"]), ["total_amount"] = "100.00",
            ["external_reference"] = "F-1", ["payer"] = new JsonObject { ["email"] = "test_user_1@testuser.com" },
            ["transactions"] = new JsonObject
            {
                ["payments"] = new JsonArray(new JsonObject
                {
                    ["amount"] = "100.00",
                    ["payment_method"] = new JsonObject { ["id"] = "master", ["type"] = "credit_card", ["token"] = Known("id"), ["installments"] = 1 },
                }),
            },
        },
        ("POST", "/v1/orders/{order_id}/refund") => new() { ["transactions"] = new JsonArray(new JsonObject { ["id"] = Known("id"), ["amount"] = "1.00" }) },
        ("PUT", "/v1/payments/{id}") => new() { ["status"] = "cancelled", ["capture"] = true, ["transaction_amount"] = 5 },
        ("POST", "/v1/payments/{id}/refunds") => new() { ["amount"] = 1 },
        ("POST", "/__admin/clock/advance") => new() { ["duration"] = "PT1H" },
        ("POST", "/__admin/clock/set") => new() { ["now"] = "2027-01-01T00:00:00Z" },
        ("POST", "/__admin/reset") => new() { ["seller"] = other },
        ("POST", "/__admin/payments/{id}/actions") => new() { ["action"] = "approve" },
        ("POST", "/__admin/fixtures") => new()
        {
            ["sellers"] = new JsonArray(new JsonObject { ["access_token"] = "TEST-9-987654321", ["site_id"] = "MLB" }),
            ["customers"] = new JsonArray(new JsonObject { ["access_token"] = "TEST-9-987654321", ["email"] = $"x{pcg.Next()}@e.com",
                ["cards"] = new JsonArray(new JsonObject { ["number"] = TestCards.MlbMaster }) }),
            ["payments"] = new JsonArray(new JsonObject { ["access_token"] = "TEST-9-987654321", ["status"] = "approved", ["transaction_amount"] = 10,
                ["payer"] = new JsonObject { ["email"] = "a@b.com" } }),
        },
        ("POST", "/__admin/rules") => new() { ["match"] = new JsonObject { ["path"] = "/v1/payments", ["amount"] = 666 }, ["respond"] = new JsonObject { ["status"] = "rejected", ["status_detail"] = "cc_rejected_high_risk" } },
        ("POST", "/__admin/generate") => new() { ["customers"] = 1, ["payments"] = 3 },
        ("POST", "/__admin/webhooks/test") => new() { ["url"] = "http://127.0.0.1:9/hook", ["topic"] = "payment" },
        _ => new() { ["a"] = 1, ["b"] = new JsonObject { ["c"] = "d" } },
    };

    string Known(string kind) => ids.TryGetValue(kind, out var list) ? Pick(list) : "none";

    static JsonObject CardTokenBody() => new()
    {
        ["card_number"] = TestCards.MlbMaster, ["security_code"] = "123", ["expiration_month"] = 11, ["expiration_year"] = 2030,
        ["cardholder"] = new JsonObject { ["name"] = "APRO", ["identification"] = new JsonObject { ["type"] = "CPF", ["number"] = "12345678909" } },
    };

    static JsonObject PaymentBody(string token) => new()
    {
        ["transaction_amount"] = 100, ["token"] = token, ["installments"] = 1, ["description"] = "fuzz", ["external_reference"] = "F-1",
        ["payer"] = new JsonObject { ["email"] = "test_user_1@testuser.com", ["identification"] = new JsonObject { ["type"] = "CPF", ["number"] = "12345678909" } },
        ["metadata"] = new JsonObject { ["k"] = "v" },
        ["additional_info"] = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["id"] = "1", ["title"] = "t", ["quantity"] = 1, ["unit_price"] = 100 }) },
    };

    /// <summary>After the run: a new token, an approved payment, its read, a refund and a search, as any merchant would.</summary>
    public async Task PaymentFlowWorks()
    {
        var token = Sellers.Fresh();
        var id = await Made(token, "/v1/payments", PaymentBody(await Made(token, "/v1/card_tokens", CardTokenBody(), "id")), "id");
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/v1/payments/{id}");
        read.Headers.Authorization = new("Bearer", token);
        using var payment = await http.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, payment.StatusCode);
        Assert.Equal("approved", (string)JsonNode.Parse(await payment.Content.ReadAsStringAsync())!["status"]!);
        await Made(token, $"/v1/payments/{id}/refunds", new JsonObject(), "refundId");
        using var search = new HttpRequestMessage(HttpMethod.Get, "/v1/payments/search?external_reference=F-1");
        search.Headers.Authorization = new("Bearer", token);
        using var found = await http.SendAsync(search);
        Assert.Equal(1, (int)JsonNode.Parse(await found.Content.ReadAsStringAsync())!["paging"]!["total"]!);
    }

    static string Cut(string? text) => text is null ? "-" : text.Length > 240 ? text[..240] + "…" : text;

    static string Cut(byte[]? bytes) => bytes is null ? "-" : Cut(Encoding.UTF8.GetString(bytes));
}
