using System.Net;
using System.Text.Json.Nodes;

namespace MerchantSample;

/// <summary>What the merchant needs from Mercado Pago: its access token, its webhook secret, where webhooks go.</summary>
public sealed record CheckoutSettings(string AccessToken, string WebhookSecret, string? NotificationUrl = null);

/// <summary>What Mercado Pago sent to the notification URL: the query's <c>data.id</c> and <c>type</c>, and two headers.</summary>
public sealed record WebhookRequest(string? DataId, string? Type, string? XSignature, string? XRequestId);

/// <summary>The checkout: create an order, pay it (card or Pix), learn of payments by webhook, refund.
/// Never trusts a webhook's body: it checks the signature, then reads the payment from Mercado Pago.</summary>
public sealed class Checkout(MercadoPago mercadoPago, CheckoutSettings settings, Orders orders)
{
    public Order CreateOrder(decimal amount, string description) => orders.Add(amount, description);

    public Order GetOrder(string orderId) => orders.Get(orderId);

    /// <summary>Pays with a card token made in the buyer's browser; <paramref name="capture"/> false only authorizes.</summary>
    public Task<Order> PayWithCardAsync(string orderId, string cardToken, string payerEmail, bool capture = true) =>
        PayAsync(orderId, payerEmail, new JsonObject { ["token"] = cardToken, ["installments"] = 1, ["capture"] = capture });

    public Task<Order> PayWithPixAsync(string orderId, string payerEmail) =>
        PayAsync(orderId, payerEmail, new JsonObject { ["payment_method_id"] = "pix" });

    public async Task<Order> CaptureAsync(string orderId)
    {
        var order = orders.Get(orderId);
        var reply = await mercadoPago.CapturePaymentAsync(order.PaymentId!.Value);
        // A refused capture means the authorization changed under us (expired, cancelled): look again.
        return reply.Ok ? Apply(order, reply.Json!) : await SyncAsync(orderId);
    }

    public async Task<Order> RefundAsync(string orderId)
    {
        var order = orders.Get(orderId);
        if (order.Status != OrderStatus.Paid) throw new InvalidOperationException($"order {orderId} is {order.Status}, not paid");
        var reply = await mercadoPago.RefundPaymentAsync(order.PaymentId!.Value);
        if (!reply.Ok) throw new InvalidOperationException($"refund refused ({(int)reply.Status}): {reply.Json}");
        return await SyncAsync(orderId);
    }

    /// <summary>Reads the order's payment again (what a reconciliation job does when a webhook is late).</summary>
    public async Task<Order> SyncAsync(string orderId)
    {
        var order = orders.Get(orderId);
        var reply = await mercadoPago.GetPaymentAsync(order.PaymentId!.Value);
        return reply.Ok ? Apply(order, reply.Json!) : order;
    }

    /// <summary>The notification URL's handler: answers the HTTP status to give Mercado Pago.</summary>
    public async Task<HttpStatusCode> HandleWebhookAsync(WebhookRequest webhook)
    {
        if (!WebhookSignature.IsValid(settings.WebhookSecret, webhook.XSignature, webhook.XRequestId, webhook.DataId))
            return HttpStatusCode.Unauthorized;
        if (webhook.Type != "payment" || !long.TryParse(webhook.DataId, out var paymentId)) return HttpStatusCode.OK;
        var reply = await mercadoPago.GetPaymentAsync(paymentId);
        if (!reply.Ok) return HttpStatusCode.InternalServerError; // Mercado Pago retries
        if (orders.Find((string?)reply.Json!["external_reference"] ?? "") is { } order) Apply(order, reply.Json);
        return HttpStatusCode.OK;
    }

    async Task<Order> PayAsync(string orderId, string payerEmail, JsonObject payment)
    {
        var order = orders.Get(orderId);
        payment["transaction_amount"] = order.Amount;
        payment["description"] = order.Description;
        payment["external_reference"] = order.Id;
        payment["payer"] = new JsonObject { ["email"] = payerEmail };
        if (settings.NotificationUrl is { } url) payment["notification_url"] = url;
        var reply = await mercadoPago.CreatePaymentAsync(payment);
        if (!reply.Ok) return orders.Save(order with { Status = OrderStatus.PaymentFailed, FailureReason = $"http_{(int)reply.Status}" });
        return Apply(order, reply.Json!);
    }

    Order Apply(Order order, JsonObject payment)
    {
        var detail = (string?)payment["status_detail"];
        var status = (string?)payment["status"] switch
        {
            "approved" => OrderStatus.Paid,
            "authorized" => OrderStatus.Authorized,
            "pending" or "in_process" => OrderStatus.AwaitingPayment,
            "rejected" => OrderStatus.PaymentFailed,
            "cancelled" when detail == "expired" => OrderStatus.Expired,
            "cancelled" => OrderStatus.Cancelled,
            "refunded" or "charged_back" => OrderStatus.Refunded,
            _ => order.Status,
        };
        return orders.Save(order with
        {
            Status = status, PaymentId = (long?)payment["id"],
            FailureReason = status == OrderStatus.PaymentFailed ? detail : null,
            PixCode = (string?)payment["point_of_interaction"]?["transaction_data"]?["qr_code"] ?? order.PixCode,
        });
    }
}
