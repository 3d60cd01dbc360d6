using System.Text.Json.Nodes;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary>An order as the Orders API answers it: amounts as decimal strings, ids as strings, absent fields left out
/// (the Orders API omits what it has no value for, where <c>/v1/payments</c> sends null).</summary>
public static class OrderView
{
    public static JsonObject Render(Order order, IReadOnlyList<Payment?> payments, int decimals, TimeSpan offset)
    {
        var (status, detail) = OrderRules.Of(order, payments);
        var paid = payments.OfType<Payment>().Where(p => p.Status is "approved" or "refunded" or "in_mediation").Sum(p => p.TransactionAmount);
        var view = new JsonObject
        {
            ["id"] = order.Id,
            ["type"] = order.Type,
            ["processing_mode"] = order.ProcessingMode,
            ["external_reference"] = order.ExternalReference,
            ["description"] = order.Description,
            ["country_code"] = OrderRules.CountryOf(order.SiteId),
            ["user_id"] = order.OwnerId.ToString(),
            ["status"] = status,
            ["status_detail"] = detail,
            ["capture_mode"] = order.CaptureMode,
            ["total_amount"] = OrderRules.Amount(order.TotalAmount, decimals),
            ["total_paid_amount"] = paid > 0 ? OrderRules.Amount(paid, decimals) : null,
            ["created_date"] = MpJson.Format(order.CreatedDate, offset),
            ["last_updated_date"] = MpJson.Format(LastUpdated(order, payments), offset),
            ["payer"] = order.Payer.DeepClone(),
            ["transactions"] = Transactions(order, payments, decimals, offset),
        };
        foreach (var (name, value) in order.Echoed) view[name] = value?.DeepClone();
        return Compact(view);
    }

    /// <summary><c>transactions</c>: the payments, and the refunds once there are any.</summary>
    public static JsonObject Transactions(Order order, IReadOnlyList<Payment?> payments, int decimals, TimeSpan offset)
    {
        var transactions = new JsonObject
        {
            ["payments"] = new JsonArray(order.Payments.Select((t, i) => (JsonNode)Transaction(order, t, payments[i], decimals, offset)).ToArray()),
        };
        if (order.Refunds.Count > 0)
            transactions["refunds"] = new JsonArray(order.Refunds.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["transaction_id"] = r.TransactionId,
                ["reference_id"] = r.RefundId.ToString(),
                ["amount"] = OrderRules.Amount(r.Amount, decimals),
                ["status"] = "processed",
            }).ToArray());
        return transactions;
    }

    /// <summary>One payment transaction; <c>reference_id</c> is the id of its payment on <c>/v1/payments</c>.</summary>
    public static JsonObject Transaction(Order order, OrderTransaction t, Payment? payment, int decimals, TimeSpan offset)
    {
        var (status, detail) = OrderRules.Of(order, payment);
        var method = new JsonObject
        {
            ["id"] = t.Request.MethodId,
            ["type"] = t.Request.MethodType,
            ["token"] = t.Request.Token,
            ["installments"] = t.Request.Installments,
            ["statement_descriptor"] = t.Request.StatementDescriptor,
        };
        if (payment is { } p)
        {
            method["ticket_url"] = p.PointOfInteraction.TransactionData?.TicketUrl ?? p.TransactionDetails.ExternalResourceUrl;
            method["qr_code"] = p.PointOfInteraction.TransactionData?.QrCode;
            method["qr_code_base64"] = p.PointOfInteraction.TransactionData?.QrCodeBase64;
            method["barcode_content"] = p.TransactionDetails.Barcode?.Content;
            method["digitable_line"] = p.TransactionDetails.DigitableLine;
        }
        var view = new JsonObject
        {
            ["id"] = t.Id,
            ["amount"] = OrderRules.Amount(t.Request.Amount, decimals),
            ["paid_amount"] = payment is { Status: "approved" or "refunded" or "in_mediation" } ? OrderRules.Amount(payment.TransactionAmount, decimals) : null,
            ["refunded_amount"] = payment is { TransactionAmountRefunded: > 0 } ? OrderRules.Amount(payment.TransactionAmountRefunded, decimals) : null,
            ["reference_id"] = payment?.Id.ToString(),
            ["status"] = status,
            ["status_detail"] = detail,
            ["payment_method"] = Compact(method),
            ["expiration_time"] = t.Request.ExpirationTime,
            ["date_of_expiration"] = payment?.DateOfExpiration is { } date ? MpJson.Format(date, offset) : null,
        };
        return Compact(view);
    }

    static DateTimeOffset LastUpdated(Order order, IReadOnlyList<Payment?> payments) =>
        payments.OfType<Payment>().Select(p => p.DateLastUpdated).Append(order.LastUpdatedDate).Max();

    static JsonObject Compact(JsonObject o)
    {
        foreach (var name in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(name);
        return o;
    }
}
