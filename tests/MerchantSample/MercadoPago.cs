using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MerchantSample;

/// <summary>The few Mercado Pago calls the checkout makes, over a plain HttpClient whose base address is Mercado Pago's.
/// Creating a payment is retried on 5xx and lost connections with the same idempotency key, so it is charged once.</summary>
public sealed class MercadoPago(HttpClient http, string accessToken, int attempts = 3, TimeSpan? retryDelay = null)
{
    public static readonly Uri Api = new("https://api.mercadopago.com");

    public async Task<MpReply> CreatePaymentAsync(JsonObject payment)
    {
        var idempotencyKey = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await SendAsync(HttpMethod.Post, "/v1/payments", payment, idempotencyKey);
                if ((int)reply.Status < 500 || attempt == attempts) return reply;
            }
            catch (HttpRequestException) when (attempt < attempts) { }
            await Task.Delay((retryDelay ?? TimeSpan.FromMilliseconds(200)) * attempt);
        }
    }

    public Task<MpReply> GetPaymentAsync(long id) => SendAsync(HttpMethod.Get, $"/v1/payments/{id}", null);

    public Task<MpReply> CapturePaymentAsync(long id) => SendAsync(HttpMethod.Put, $"/v1/payments/{id}", new JsonObject { ["capture"] = true });

    public Task<MpReply> RefundPaymentAsync(long id) =>
        SendAsync(HttpMethod.Post, $"/v1/payments/{id}/refunds", new JsonObject(), Guid.NewGuid().ToString());

    async Task<MpReply> SendAsync(HttpMethod method, string path, JsonObject? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Api, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", accessToken);
        if (idempotencyKey is not null) request.Headers.Add("X-Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new MpReply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }
}

public sealed record MpReply(HttpStatusCode Status, JsonObject? Json)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}
