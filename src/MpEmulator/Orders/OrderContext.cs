using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MpEmulator.Catalog;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Refunds;

namespace MpEmulator.Orders;

/// <summary>What every orders handler works with, bound once per request, and the changes an order goes through, each
/// made with the payment rules on the payments charged for it (call them inside a write).</summary>
public sealed record OrderContext(HttpRequest Request, Seller Seller, SellerData Data, Catalogs Catalogs, Ids Ids,
    Idempotency Idempotency, TimeProvider Clock, IOptions<EmulatorOptions> Options)
{
    public SiteCatalog Site => Catalogs.For(Seller.SiteId);

    /// <summary>Bound as one handler parameter. The seller is there: <c>/v1</c> auth admitted the request.</summary>
    public static ValueTask<OrderContext?> BindAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var seller = http.Features.Get<Seller>() ?? throw MpErrors.MissingAccessToken.Exception();
        return ValueTask.FromResult<OrderContext?>(new OrderContext(http.Request, seller, services.GetRequiredService<Store>().For(seller),
            services.GetRequiredService<Catalogs>(), services.GetRequiredService<Ids>(), services.GetRequiredService<Idempotency>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<IOptions<EmulatorOptions>>()));
    }

    Economics Economics => Economics.For(Seller, Options.Value);

    public string NewId(string prefix, DateTimeOffset now) => OrderRules.Id(prefix, now, n => Ids.Draw(r => r.Number(n - 1)));

    public JsonObject Render(Order order, IReadOnlyList<Payment?> payments) =>
        OrderView.Render(order, payments, Site.Decimals, Options.Value.Offset);

    public OrderTransaction Transaction(TransactionRequest t, DateTimeOffset now) => new() { Id = NewId("PAY", now), Request = t };

    /// <summary>Charges every transaction not charged yet as a <c>/v1/payments</c> payment: the same token, method and
    /// amount checks, test-cardholder outcomes, scenario rules and webhooks as a payment created directly.</summary>
    public Order Charge(Order order, DateTimeOffset now)
    {
        var charged = order.Payments.Select(t => t.PaymentId is not null ? t : t with { PaymentId = Pay(order, t.Request, now).Id }).ToList();
        return order with { Payments = charged, Processed = true, LastUpdatedDate = now };
    }

    Payment Pay(Order order, TransactionRequest t, DateTimeOffset now)
    {
        if (Site.Method(t.MethodId) is { } method && method.PaymentTypeId != t.MethodType)
            throw OrderErrors.PropertyValue("transactions.payments[0].payment_method.type").Exception();
        var request = new PaymentRequest
        {
            TransactionAmount = t.Amount, Token = t.Token, Installments = t.Installments, PaymentMethodId = t.MethodId,
            Payer = OrderRequest.PayerOf(order.Payer), Capture = order.CaptureMode != "manual", ExternalReference = order.ExternalReference,
            Description = order.Description, StatementDescriptor = t.StatementDescriptor,
            DateOfExpiration = t.DateOfExpiration ?? (t.ExpirationTime is { } e ? now + TransactionRequest.Duration(e) : null),
        };
        return Translated(() => PaymentsEndpoints.Charge(Data, request, Site, Ids, Economics, now, Request.HttpContext.Features.Get<ForcedOutcome>()));
    }

    public Order Capture(Order order, DateTimeOffset now)
    {
        if (!OrderRules.CanCapture(order, Data.AgedPaymentsOf(order, now))) throw OrderErrors.CannotCaptureOrder.Exception();
        foreach (var before in Data.AgedPaymentsOf(order, now).OfType<Payment>().Where(p => p.Status == "authorized"))
            Data.Save(before, Translated(() => PaymentRules.Capture(before, null, now, Site, Economics).Unwrap()), now);
        return order with { LastUpdatedDate = now };
    }

    public Order Cancel(Order order, DateTimeOffset now)
    {
        if (!OrderRules.CanCancel(order, Data.AgedPaymentsOf(order, now))) throw OrderErrors.CannotCancelOrder.Exception();
        if (!order.Processed) return order with { Cancelled = true, LastUpdatedDate = now };
        foreach (var before in Data.AgedPaymentsOf(order, now).OfType<Payment>().Where(p => PaymentRules.Can(p, PaymentAction.Cancel)))
            Data.Save(before, Translated(() => PaymentRules.Cancel(before, now).Unwrap()), now);
        return order with { LastUpdatedDate = now };
    }

    /// <summary>Refunds what is left of every transaction, or the amounts asked of the transactions named.</summary>
    public Order Refund(Order order, IReadOnlyList<(string Id, decimal? Amount)>? asked, DateTimeOffset now)
    {
        if (!OrderRules.CanRefund(order, Data.AgedPaymentsOf(order, now))) throw OrderErrors.CannotRefundOrder.Exception();
        var targets = asked ?? order.Payments.Select(t => (t.Id, (decimal?)null)).ToList();
        var refunds = new List<OrderRefund>(order.Refunds);
        foreach (var (transactionId, amount) in targets)
        {
            var t = order.Payments.FirstOrDefault(p => p.Id == transactionId) ?? throw OrderErrors.TransactionNotFound.Exception();
            var before = Data.Aged(t.PaymentId!.Value.ToString(), now);
            if (asked is null && before.TransactionAmount == before.TransactionAmountRefunded) continue;
            var refundId = Data.NextId("refunds", RefundsEndpoints.FirstRefundId);
            var (after, refund) = Translated(() => PaymentRules.Refund(before, amount, refundId, now, Site).Unwrap());
            Data.Save(before, after, now, "payment.updated");
            refunds.Add(new OrderRefund { Id = NewId("REF", now), TransactionId = t.Id, RefundId = refund.Id, Amount = refund.Amount, DateCreated = now });
        }
        return order with { Refunds = refunds, LastUpdatedDate = now };
    }

    /// <summary>Runs a payment rule; what it refuses comes back in the Orders API's words, with the payment's reason.</summary>
    static T Translated<T>(Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (MpException e) when (e.Error.Code is not null)
        {
            throw OrderErrors.InvalidProperties(e.Error.Message).Exception();
        }
    }
}
