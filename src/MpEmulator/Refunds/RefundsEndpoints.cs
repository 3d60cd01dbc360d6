using MpEmulator.Catalog;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Refunds;

/// <summary><c>/v1/payments/{id}/refunds</c>: full (empty body) or partial (<c>{"amount": x}</c>) refunds.</summary>
public static class RefundsEndpoints
{
    public const long FirstRefundId = 1_245_000_000;

    public static readonly MpError RefundNotFound = MpError.Payments(404, "not_found", 2000, "Refund not found");

    public static IEndpointRouteBuilder MapRefunds(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/payments/{id}/refunds").WithTags("Refunds");
        g.MapPost("", Create);
        g.MapGet("", List);
        g.MapGet("/{refundId}", Get);
        return app;
    }

    /// <summary>A replay under the same idempotency key answers 200 with an empty body and refunds nothing, as MP does.</summary>
    static async Task<IResult> Create(string id, HttpRequest request, Seller seller, SellerData data, Catalogs catalogs,
        Idempotency idempotency, TimeProvider clock)
    {
        var key = idempotency.KeyOf(request);
        var raw = await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson);
        var amount = new JsonFields(raw).Decimal("amount", PaymentErrors.WrongType("amount"));
        var hash = Idempotency.Hash(raw);
        var now = clock.GetUtcNow();
        var site = catalogs.For(seller.SiteId);
        return await data.WriteAsync<IResult>(() =>
        {
            var scope = $"refunds:{id}";
            if (idempotency.Earlier(request.HttpContext, seller, scope, key, hash, now) is not null) return TypedResults.Ok();
            var before = data.Aged(id, now);
            var refundId = data.NextId("refunds", FirstRefundId);
            var (after, refund) = PaymentRules.Refund(before, amount, refundId, now, site).Unwrap();
            data.Save(before, after, now, "payment.updated"); // a refund is an update even when the status stays
            idempotency.Remember(seller, scope, key, hash, StatusCodes.Status201Created, null, now);
            return TypedResults.Created($"/v1/payments/{id}/refunds/{refund.Id}", refund);
        });
    }

    static Ok<List<Refund>> List(string id, SellerData data, TimeProvider clock) =>
        TypedResults.Ok(data.Current(id, clock.GetUtcNow()).Refunds);

    static Ok<Refund> Get(string id, string refundId, SellerData data, TimeProvider clock) =>
        data.Current(id, clock.GetUtcNow()).Refunds.FirstOrDefault(r => r.Id.ToString() == refundId) is { } refund
            ? TypedResults.Ok(refund)
            : throw RefundNotFound.Exception();
}
