using Microsoft.Extensions.Options;
using System.Text.Json.Nodes;
using MpEmulator.Admin;
using MpEmulator.Catalog;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary>Orders on the admin plane: every seller's orders for the dashboard (<c>GET /__admin/orders</c>), and what only
/// the outside world does (a buyer pays a Pix or ticket, a bank reviews, a card holder disputes) applied to the payments
/// of an order as the payments admin action does (<c>POST /__admin/orders/{id}/actions</c>).</summary>
public static class OrderAdmin
{
    public static IEndpointRouteBuilder MapOrderAdmin(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/__admin/orders").WithTags("Admin").AddEndpointFilter(AdminEndpoints.RequireAdminKey);
        g.MapGet("", List);
        g.MapPost("/{id}/actions", Act);
        return app;
    }

    static readonly MpError InvalidFilter = PaymentErrors.ParamsError.WithMessage(
        "Invalid filter: seller is a user id or a token, limit 1..200, offset a non-negative integer");

    /// <summary><c>?seller&amp;offset&amp;limit</c>: orders as the Orders API shows them, with their transactions, newest first.</summary>
    static IResult List(HttpRequest request, Store store, SellerDirectory sellers, Catalogs catalogs, TimeProvider clock, IOptions<EmulatorOptions> options)
    {
        var (limit, offset) = PagingRules.Read(request.Query, 20, 200, InvalidFilter);
        var now = clock.GetUtcNow();
        var seller = request.Query["seller"].ToString();
        var t = store.OrderTables();
        var group = seller.Length == 0 ? OrderTables.AllGroup
            : OrderTables.OfSeller(long.TryParse(seller, out var id) ? id : SellerDirectory.UserIdOf(seller));
        var results = t.Listing.Page(group, descending: true, offset, limit).Select(t.Orders.FindById).OfType<Order>()
            .Select(o => (JsonNode)View(o, store, sellers, catalogs, now, options.Value.Offset)).ToArray();
        return OrdersEndpoints.Json(StatusCodes.Status200OK, new JsonObject
        {
            ["paging"] = new JsonObject { ["total"] = t.Listing.Count(group), ["limit"] = limit, ["offset"] = offset },
            ["results"] = new JsonArray(results),
        });
    }

    static JsonObject View(Order order, Store store, SellerDirectory sellers, Catalogs catalogs, DateTimeOffset now, TimeSpan offset) =>
        OrderView.Render(order, store.For(sellers.Owner(order.OwnerId, order.SiteId)).PaymentsOf(order, now), catalogs.For(order.SiteId).Decimals, offset);

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
            return View(found, store, sellers, catalogs, now, options.Value.Offset);
        });
        return OrdersEndpoints.Json(StatusCodes.Status200OK, view);
    }
}
