using Microsoft.Extensions.Options;
using MpEmulator.Admin;
using MpEmulator.Catalog;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary><c>POST /__admin/orders/{id}/actions</c>: what only the outside world does (a buyer pays a Pix or ticket, a
/// bank reviews, a card holder disputes), applied to the payments of an order as the payments admin action does.</summary>
public static class OrderAdmin
{
    public static IEndpointRouteBuilder MapOrderAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/__admin/orders").WithTags("Admin").AddEndpointFilter(AdminEndpoints.RequireAdminKey).MapPost("/{id}/actions", Act);
        return app;
    }

    /// <summary><c>{"action": "approve"|"reject"|"expire"|..., "status_detail"?}</c>, answered with the order.</summary>
    static async Task<IResult> Act(string id, HttpRequest request, Store store, SellerDirectory sellers, Catalogs catalogs,
        TimeProvider clock, IOptions<EmulatorOptions> options)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson));
        var action = body.String("action", PaymentErrors.ParamsError.WithMessage("action must be a string"))
            ?? throw PaymentErrors.ParamsError.WithMessage("action is required").Exception();
        var detail = body.String("status_detail", PaymentErrors.ParamsError.WithMessage("status_detail must be a string"));
        var now = clock.GetUtcNow();
        var view = await store.WriteAsync(() =>
        {
            var found = store.OrderTables().Orders.FindById(id) ?? throw OrderErrors.OrderNotFound.Exception();
            var seller = sellers.Owner(found.OwnerId, found.SiteId);
            var data = store.For(seller);
            var site = catalogs.For(found.SiteId);
            foreach (var before in data.AgedPaymentsOf(found, now).OfType<Payment>())
                data.Save(before, OutsideEvents.Apply(before, action, detail, now, site, Economics.For(seller, options.Value)).Unwrap(), now);
            return OrderView.Render(found, data.PaymentsOf(found, now), site.Decimals, options.Value.Offset);
        });
        return OrdersEndpoints.Json(StatusCodes.Status200OK, view);
    }
}
