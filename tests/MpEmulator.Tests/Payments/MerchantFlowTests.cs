using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;
using RestSharp;

namespace MpEmulator.Tests.Payments;

/// <summary>The issue's "done when": a merchant's HTTP client over a real socket, step by step, checking MP shapes.</summary>
public sealed class MerchantFlowTests : IDisposable
{
    readonly EmulatorApp app = EmulatorApp.With(kestrel: true);
    readonly RestClient client;
    readonly string token = Sellers.Fresh();

    public MerchantFlowTests() => client = new RestClient(app.BaseUrl);

    long UserId => Sellers.UserIdOf(token);

    async Task<(HttpStatusCode Status, JsonNode? Json, RestResponse Raw)> Call(Method method, string path, object? body = null,
        bool idempotent = false)
    {
        var request = new RestRequest(path, method).AddHeader("Authorization", $"Bearer {token}");
        if (idempotent) request.AddHeader("X-Idempotency-Key", Guid.NewGuid().ToString());
        if (body is not null) request.AddStringBody(JsonSerializer.Serialize(body), ContentType.Json);
        var response = await client.ExecuteAsync(request);
        var json = string.IsNullOrEmpty(response.Content) ? null : JsonNode.Parse(response.Content);
        return (response.StatusCode, json, response);
    }

    async Task<string> Tokenize(string? cardId = null)
    {
        object body = cardId is null
            ? new
            {
                card_number = TestCards.MlbMaster, security_code = "123", expiration_month = 11, expiration_year = 2030,
                cardholder = new { name = "APRO", identification = new { type = "CPF", number = "12345678909" } },
            }
            : new { card_id = cardId, security_code = "123" };
        var (status, json, _) = await Call(Method.Post, "/v1/card_tokens", body);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Matches("^[0-9a-f]{32}$", (string)json!["id"]!);
        Assert.Equal("active", (string)json["status"]!);
        Assert.Equal(cardId, (string?)json["card_id"]);
        return (string)json["id"]!;
    }

    static void IsPayment(JsonNode p, string status, string detail)
    {
        Assert.Equal(JsonValueKind.Number, p["id"]!.GetValueKind());
        Assert.Equal(status, (string)p["status"]!);
        Assert.Equal(detail, (string)p["status_detail"]!);
        Assert.Equal("BRL", (string)p["currency_id"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-04:00$", (string)p["date_created"]!);
        Assert.Equal(JsonValueKind.Array, p["refunds"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Object, p["transaction_details"]!.GetValueKind());
    }

    [Fact]
    public async Task Authorize_capture_part_refund_part_then_refund_the_rest()
    {
        var cardToken = await Tokenize();

        var (status, payment, raw) = await Call(Method.Post, "/v1/payments", new
        {
            transaction_amount = 100m, token = cardToken, installments = 1, capture = false, description = "Order 7",
            external_reference = "ORDER-7", payer = new { email = Pay.PayerEmail },
        }, idempotent: true);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("application/json; charset=UTF-8", raw.ContentHeaders!.Single(h => h.Name == "Content-Type").Value);
        IsPayment(payment!, "authorized", "pending_capture");
        Assert.False((bool)payment!["captured"]!);
        Assert.Equal(UserId, (long)payment["collector_id"]!);
        Assert.Equal("master", (string)payment["payment_method_id"]!);
        var id = (long)payment["id"]!;

        app.Clock.Advance(TimeSpan.FromHours(2));
        var (captureStatus, captured, _) = await Call(Method.Put, $"/v1/payments/{id}", new { capture = true, transaction_amount = 80m });
        Assert.Equal(HttpStatusCode.OK, captureStatus);
        IsPayment(captured!, "approved", "accredited");
        Assert.True((bool)captured!["captured"]!);
        Assert.Equal(80m, (decimal)captured["transaction_amount"]!);
        Assert.NotNull(captured["date_approved"]);

        var (refundStatus, refund, _) = await Call(Method.Post, $"/v1/payments/{id}/refunds", new { amount = 30m }, idempotent: true);
        Assert.Equal(HttpStatusCode.Created, refundStatus);
        Assert.Equal(id, (long)refund!["payment_id"]!);
        Assert.Equal(30m, (decimal)refund["amount"]!);
        Assert.Equal("collector", (string)refund["source"]!["type"]!);
        Assert.Equal("approved", (string)refund["status"]!);

        var (_, partly, _) = await Call(Method.Get, $"/v1/payments/{id}");
        IsPayment(partly!, "approved", "partially_refunded");
        Assert.Equal(30m, (decimal)partly!["transaction_amount_refunded"]!);

        var (restStatus, rest, _) = await Call(Method.Post, $"/v1/payments/{id}/refunds", idempotent: true);
        Assert.Equal(HttpStatusCode.Created, restStatus);
        Assert.Equal(50m, (decimal)rest!["amount"]!);

        var (_, refunded, _) = await Call(Method.Get, $"/v1/payments/{id}");
        IsPayment(refunded!, "refunded", "refunded");
        Assert.Equal(80m, (decimal)refunded!["transaction_amount_refunded"]!);
        Assert.Equal(2, refunded["refunds"]!.AsArray().Count);

        var (_, list, _) = await Call(Method.Get, $"/v1/payments/{id}/refunds");
        Assert.Equal([30m, 50m], list!.AsArray().Select(r => (decimal)r!["amount"]!));

        var (_, page, _) = await Call(Method.Get, "/v1/payments/search?external_reference=ORDER-7&limit=&offset=");
        Assert.Equal(1, (int)page!["paging"]!["total"]!);
        Assert.Equal("refunded", (string)page["results"]![0]!["status"]!);
    }

    [Fact]
    public async Task Pay_with_a_saved_card()
    {
        var (customerStatus, customer, _) = await Call(Method.Post, "/v1/customers", new { email = "buyer_1@testuser.com" });
        Assert.Equal(HttpStatusCode.Created, customerStatus);
        var customerId = (string)customer!["id"]!;

        var (cardStatus, card, _) = await Call(Method.Post, $"/v1/customers/{customerId}/cards", new { token = await Tokenize() });
        Assert.Equal(HttpStatusCode.Created, cardStatus);
        var cardId = (string)card!["id"]!;

        var (status, payment, _) = await Call(Method.Post, "/v1/payments", new
        {
            transaction_amount = 59.9m, token = await Tokenize(cardId), installments = 3,
            payer = new { type = "customer", id = customerId },
        }, idempotent: true);
        Assert.Equal(HttpStatusCode.Created, status);
        IsPayment(payment!, "approved", "accredited");
        Assert.Equal(cardId, (string)payment!["card"]!["id"]!);
        Assert.Equal("6351", (string)payment["card"]!["last_four_digits"]!);
        Assert.Equal(customerId, (string)payment["payer"]!["id"]!);
        Assert.Equal("buyer_1@testuser.com", (string)payment["payer"]!["email"]!);
        Assert.Equal(3, (int)payment["installments"]!);
        Assert.True((decimal)payment["transaction_details"]!["total_paid_amount"]! > 59.9m);
    }

    [Fact]
    public async Task Pay_with_pix_and_watch_it_expire()
    {
        var (status, payment, _) = await Call(Method.Post, "/v1/payments", new
        {
            transaction_amount = 25m, payment_method_id = "pix", external_reference = "PIX-1", payer = new { email = Pay.PayerEmail },
        }, idempotent: true);
        Assert.Equal(HttpStatusCode.Created, status);
        IsPayment(payment!, "pending", "pending_waiting_transfer");
        var qr = (string)payment!["point_of_interaction"]!["transaction_data"]!["qr_code"]!;
        Assert.Equal(Pay.Crc16(qr[..^4]), qr[^4..]);
        var id = (long)payment["id"]!;

        app.Clock.Advance(TimeSpan.FromHours(12));
        var (_, waiting, _) = await Call(Method.Get, $"/v1/payments/{id}");
        IsPayment(waiting!, "pending", "pending_waiting_transfer");

        app.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));
        var (_, expired, _) = await Call(Method.Get, $"/v1/payments/{id}");
        IsPayment(expired!, "cancelled", "expired");

        var (_, page, _) = await Call(Method.Get, "/v1/payments/search?status=cancelled&external_reference=PIX-1");
        Assert.Equal(id, (long)page!["results"]![0]!["id"]!);
    }

    public void Dispose()
    {
        client.Dispose();
        app.Dispose();
    }
}
