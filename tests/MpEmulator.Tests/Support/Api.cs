using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpEmulator.Tests.Support;

/// <summary>A seller's HTTP client: bearer token set, an idempotency key on every POST (as the Node SDK does).</summary>
public sealed class Api(HttpClient http, string token)
{
    public string Token => token;
    public long UserId => Sellers.UserIdOf(token);
    public HttpClient Http => http;

    public Task<Reply> Get(string path) => Send(HttpMethod.Get, path, null);
    public Task<Reply> Delete(string path) => Send(HttpMethod.Delete, path, null);
    public Task<Reply> Put(string path, object? body) => Send(HttpMethod.Put, path, body);
    public Task<Reply> Post(string path, object? body, string? idempotencyKey = "auto") =>
        Send(HttpMethod.Post, path, body, idempotencyKey == "auto" ? Guid.NewGuid().ToString() : idempotencyKey);

    /// <summary>Sends a request; a string body goes out verbatim (for malformed JSON), anything else as JSON.</summary>
    public async Task<Reply> Send(HttpMethod method, string path, object? body, string? idempotencyKey = null, bool auth = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (auth) request.Headers.Authorization = new("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("X-Idempotency-Key", idempotencyKey);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text, response);
    }

    public async Task<string> CardToken(string holder = "APRO", string number = TestCards.MlbMaster, string securityCode = "123",
        int month = 11, int year = 2030)
    {
        var reply = await Post("/v1/card_tokens", new
        {
            card_number = number, security_code = securityCode, expiration_month = month, expiration_year = year,
            cardholder = new { name = holder, identification = new { type = "CPF", number = "12345678909" } },
        });
        reply.Is(HttpStatusCode.Created);
        return (string)reply["id"]!;
    }

    public async Task<string> Customer(string? email = null)
    {
        var reply = await Post("/v1/customers", new { email = email ?? $"test_payer_{Random.Shared.Next(1, int.MaxValue)}@testuser.com" });
        reply.Is(HttpStatusCode.Created);
        return (string)reply["id"]!;
    }
}

public sealed record Reply(HttpStatusCode Status, JsonNode? Json, string Body, HttpResponseMessage Response)
{
    public JsonNode? this[string name] => Json![name];

    public Reply Is(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"expected {(int)expected}, got {(int)Status}: {Body}");
        return this;
    }

    /// <summary>Asserts Mercado Pago's error envelope with the given status and cause code (a number or a string, as sent).</summary>
    public Reply IsError(int status, object code)
    {
        Assert.True((int)Status == status, $"expected {status}, got {(int)Status}: {Body}");
        Assert.Equal(status, (int)Json!["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)Json["message"]), Body);
        Assert.False(string.IsNullOrEmpty((string?)Json["error"]), Body);
        var cause = Json["cause"]!.AsArray();
        Assert.Single(cause);
        var actual = cause[0]!["code"]!;
        if (code is string s) Assert.Equal(s, actual.GetValue<string>());
        else Assert.Equal(Convert.ToInt64(code), actual.GetValue<long>());
        return this;
    }
}

public static class TestCards
{
    public const string MlbMaster = "5031433215406351";
    public const string MlbVisa = "4235647728025682";
    public const string MlbAmex = "375365153556885";
    public const string MlbElo = "5067766783888311";
}
