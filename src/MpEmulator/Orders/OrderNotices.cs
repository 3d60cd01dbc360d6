using System.Text.Json.Nodes;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary>The <c>order</c> notification a payment event of an order's payment makes: its action and its <c>data</c>,
/// the order as it stood at that event.</summary>
public static class OrderNotices
{
    /// <summary>The order of the event's payment, its action (<c>order.processed</c>, <c>order.action_required</c>,
    /// <c>order.failed</c>, <c>order.refunded</c>, <c>order.canceled</c>, <c>order.expired</c>, ...) and data; null when the
    /// payment was not charged for an order.</summary>
    public static (string OrderId, string Action, JsonObject Data)? Of(Store store, PaymentEvent e)
    {
        if (store.OrderOfPayment(e.PaymentId) is not { } order || store.AnyPayment(e.PaymentId) is not { } payment) return null;
        var then = payment with { Status = e.Status, StatusDetail = e.StatusDetail };
        var payments = order.Payments.Select(t => t.PaymentId == e.PaymentId ? then : null).ToList();
        var (status, detail) = OrderRules.Of(order, payments);
        var action = (status, detail) switch
        {
            ("processed", "partially_refunded") => "order.refunded",
            ("cancelled", _) => "order.canceled", // the action MP's order docs name
            _ => $"order.{status}",
        };
        var data = new JsonObject
        {
            ["id"] = order.Id,
            ["type"] = order.Type,
            ["status"] = status,
            ["status_detail"] = detail,
            ["transactions"] = new JsonObject
            {
                ["payments"] = new JsonArray(order.Payments.Select((t, i) => (JsonNode)new JsonObject
                {
                    ["id"] = t.Id,
                    ["status"] = OrderRules.Of(order, payments[i]).Status,
                    ["status_detail"] = OrderRules.Of(order, payments[i]).Detail,
                    ["payment_method"] = new JsonObject { ["id"] = t.Request.MethodId, ["type"] = t.Request.MethodType },
                }).ToArray()),
            },
        };
        if (order.ExternalReference is { } reference) data["external_reference"] = reference;
        return (order.Id, action, data);
    }
}
