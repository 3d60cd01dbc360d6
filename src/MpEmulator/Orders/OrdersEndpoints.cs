using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary><c>/v1/orders</c> for online payments: each order charges its transaction as a <c>/v1/payments</c> payment
/// and reads its statuses from it. Every POST needs an <c>X-Idempotency-Key</c>: the same key replays the first answer,
/// the same key with another body is a 409. Errors go out in the Orders API's own shape.</summary>
public static class OrdersEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/orders").WithTags("Orders").AddEndpointFilter(InOrdersShape);
        g.MapPost("", Create);
        g.MapGet("", OrderSearch.Search);
        g.MapGet("/{id}", Get);
        g.MapPost("/{id}/process", Process);
        g.MapPost("/{id}/capture", Capture);
        g.MapPost("/{id}/cancel", Cancel);
        g.MapPost("/{id}/refund", Refund);
        g.MapPost("/{id}/transactions", AddTransaction);
        g.MapPut("/{id}/transactions/{transactionId}", UpdateTransaction);
        g.MapDelete("/{id}/transactions/{transactionId}", DeleteTransaction);
        return app;
    }

    static async Task<IResult> Create(OrderContext c)
    {
        var raw = await JsonBody.ReadObjectAsync(c.Request, OrderErrors.JsonSyntaxError);
        var body = OrderRequest.Parse(raw);
        return await Answer(c, "orders", raw, now =>
        {
            var order = new Order
            {
                Id = c.NewId("ORD", now), Number = c.Data.NextId("orders", 1), OwnerId = c.Seller.Id, SiteId = c.Site.SiteId, ProcessingMode = body.ProcessingMode,
                CaptureMode = body.CaptureMode, TotalAmount = body.TotalAmount, ExternalReference = body.ExternalReference,
                Description = body.Description, Payer = body.Payer, Echoed = body.Echoed, CreatedDate = now, LastUpdatedDate = now,
                Payments = body.Payments.Select(t => c.Transaction(t, now)).ToList(),
            };
            if (order.ProcessingMode == "automatic") order = c.Charge(order, now);
            c.Data.SaveOrder(order);
            return (StatusCodes.Status201Created, c.Render(order, c.Data.PaymentsOf(order, now)));
        });
    }

    static IResult Get(string id, OrderContext c)
    {
        var now = c.Clock.GetUtcNow();
        var order = c.Data.FindOrder(id);
        return Json(StatusCodes.Status200OK, c.Render(order, c.Data.PaymentsOf(order, now)));
    }

    static Task<IResult> Process(string id, OrderContext c) => Act(c, id, "process", (order, now) =>
    {
        if (!OrderRules.CanProcess(order)) throw OrderErrors.CannotProcessOrder.Exception();
        if (order.Payments.Count == 0) throw OrderErrors.RequiredProperties("transactions.payments").Exception();
        if (order.Payments.Sum(t => t.Request.Amount) != order.TotalAmount) throw OrderErrors.InvalidTotalAmount.Exception();
        return c.Charge(order, now);
    });

    static Task<IResult> Capture(string id, OrderContext c) => Act(c, id, "capture", c.Capture);

    static Task<IResult> Cancel(string id, OrderContext c) => Act(c, id, "cancel", c.Cancel);

    /// <summary>No body (or no <c>transactions</c>) refunds everything; <c>{"transactions":[{"id","amount"?}]}</c> refunds
    /// those transactions, each in full when no amount is given.</summary>
    static async Task<IResult> Refund(string id, OrderContext c)
    {
        var raw = await JsonBody.ReadObjectAsync(c.Request, OrderErrors.JsonSyntaxError);
        var asked = raw["transactions"] switch
        {
            null => null,
            JsonArray a => a.Select((t, i) => t is JsonObject o
                ? (new JsonFields(o).String("id", OrderErrors.PropertyType($"transactions[{i}].id")) ?? throw OrderErrors.RequiredProperties($"transactions[{i}].id").Exception(),
                    OrderRequest.Amount(new JsonFields(o), "amount", $"transactions[{i}].amount"))
                : throw OrderErrors.PropertyType($"transactions[{i}]").Exception()).ToList(),
            _ => throw OrderErrors.PropertyType("transactions").Exception(),
        };
        return await Answer(c, $"orders:{id}:refund", raw, now =>
        {
            var order = c.Refund(c.Data.FindOrder(id), asked, now);
            c.Data.SaveOrder(order);
            return (StatusCodes.Status201Created, c.Render(order, c.Data.PaymentsOf(order, now)));
        });
    }

    /// <summary>Adds the payment of a manual order not processed yet (an order carries one).</summary>
    static async Task<IResult> AddTransaction(string id, OrderContext c)
    {
        var raw = await JsonBody.ReadObjectAsync(c.Request, OrderErrors.JsonSyntaxError);
        var added = OrderRequest.Transactions(new JsonFields(raw));
        if (added.Count == 0) throw OrderErrors.RequiredProperties("payments").Exception();
        return await Answer(c, $"orders:{id}:transactions", raw, now =>
        {
            var order = c.Data.FindOrder(id);
            if (!OrderRules.CanChangeTransactions(order)) throw OrderErrors.CannotChangeTransactions.Exception();
            if (order.Payments.Count + added.Count > 1) throw OrderErrors.MaximumItems("transactions.payments").Exception();
            var transactions = added.Select(t => c.Transaction(t, now)).ToList();
            order = order with { Payments = [.. order.Payments, .. transactions], LastUpdatedDate = now };
            c.Data.SaveOrder(order);
            return (StatusCodes.Status201Created, new JsonObject
            {
                ["payments"] = new JsonArray(transactions.Select(t => (JsonNode)OrderView.Transaction(order, t, null, c.Site.Decimals, c.Options.Value.Offset)).ToArray()),
            });
        });
    }

    /// <summary>Changes the payment method (token, installments, ...) of a transaction of a manual order not processed yet.</summary>
    static async Task<IResult> UpdateTransaction(string id, string transactionId, OrderContext c)
    {
        var raw = await JsonBody.ReadObjectAsync(c.Request, OrderErrors.JsonSyntaxError);
        var method = new JsonFields(raw).Child("payment_method", OrderErrors.PropertyType("payment_method"))
            ?? throw OrderErrors.RequiredProperties("payment_method").Exception();
        var now = c.Clock.GetUtcNow();
        var (order, updated) = await c.Data.WriteAsync<(Order, OrderTransaction)>(() =>
        {
            var (order, t) = Changeable(c, id, transactionId);
            var changed = t with { Request = t.Request.WithMethod(method, "payment_method", required: false) };
            order = order with { Payments = order.Payments.Select(p => p.Id == t.Id ? changed : p).ToList(), LastUpdatedDate = now };
            c.Data.SaveOrder(order);
            return (order, changed);
        });
        return Json(StatusCodes.Status200OK, OrderView.Transaction(order, updated, null, c.Site.Decimals, c.Options.Value.Offset));
    }

    static async Task<IResult> DeleteTransaction(string id, string transactionId, OrderContext c)
    {
        var now = c.Clock.GetUtcNow();
        await c.Data.WriteAsync(() =>
        {
            var (order, t) = Changeable(c, id, transactionId);
            c.Data.SaveOrder(order with { Payments = order.Payments.Where(p => p.Id != t.Id).ToList(), LastUpdatedDate = now });
            return 0;
        });
        return TypedResults.NoContent();
    }

    static (Order, OrderTransaction) Changeable(OrderContext c, string id, string transactionId)
    {
        var order = c.Data.FindOrder(id);
        var t = order.Payments.FirstOrDefault(p => p.Id == transactionId) ?? throw OrderErrors.TransactionNotFound.Exception();
        return OrderRules.CanChangeTransactions(order) ? (order, t) : throw OrderErrors.CannotChangeTransactions.Exception();
    }

    /// <summary>An action on a stored order (process, capture, cancel): answered 200 with the order as it ends up.</summary>
    static async Task<IResult> Act(OrderContext c, string id, string action, Func<Order, DateTimeOffset, Order> change)
    {
        var raw = await JsonBody.ReadObjectAsync(c.Request, OrderErrors.JsonSyntaxError);
        return await Answer(c, $"orders:{id}:{action}", raw, now =>
        {
            var order = change(c.Data.FindOrder(id), now);
            c.Data.SaveOrder(order);
            return (StatusCodes.Status200OK, c.Render(order, c.Data.PaymentsOf(order, now)));
        });
    }

    /// <summary>Runs a change under the request's idempotency key, in one write: a replay of the same body answers what
    /// the first request got; the same key with another body is refused with 409.</summary>
    static async Task<IResult> Answer(OrderContext c, string scope, JsonObject raw, Func<DateTimeOffset, (int Status, JsonObject Body)> change)
    {
        var key = c.Request.Headers["X-Idempotency-Key"].ToString() is { Length: > 0 } k ? k
            : c.Options.Value.RequireIdempotencyKey ? throw OrderErrors.EmptyRequiredHeader.Exception() : null;
        var hash = Idempotency.Hash(raw);
        var now = c.Clock.GetUtcNow();
        var (status, text) = await c.Data.WriteAsync(() =>
        {
            if (c.Idempotency.Earlier(c.Request.HttpContext, c.Seller, scope, key, hash, now) is { } earlier)
                return earlier.BodyHash == hash ? (earlier.StatusCode, earlier.Body!) : throw OrderErrors.IdempotencyKeyAlreadyUsed.Exception();
            var (code, body) = change(now);
            var json = body.ToJsonString(Wire);
            c.Idempotency.Remember(c.Seller, scope, key, hash, code, json, now);
            return (code, json);
        });
        return TypedResults.Content(text, "application/json", Encoding.UTF8, status);
    }

    static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static IResult Json(int status, JsonNode body) =>
        TypedResults.Content(body.ToJsonString(Wire), "application/json", Encoding.UTF8, status);

    /// <summary>Every error of the group in the Orders API's shape: <c>{"errors":[{"code","message","details"}]}</c>.</summary>
    static async ValueTask<object?> InOrdersShape(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (MpException e)
        {
            return Json(e.Error.Status, Shape(e.Error));
        }
    }

    public static JsonObject Shape(MpError error) => new()
    {
        ["errors"] = new JsonArray(new JsonObject
        {
            ["code"] = error.Error,
            ["message"] = error.Message,
            ["details"] = error.Description is { } detail && error.Code is null ? new JsonArray(detail) : new JsonArray(),
        }),
    };
}
