using System.Globalization;
using System.Text.Json.Nodes;
using MpEmulator.Infrastructure;

namespace MpEmulator.Orders;

/// <summary><c>GET /v1/orders</c>: a seller's orders created between <c>begin_date</c> and <c>end_date</c> (both required),
/// filtered by <c>external_reference</c>, <c>type</c>, <c>status</c>, <c>status_detail</c>, <c>payment_method_id</c> and
/// <c>payment_method_type</c>, newest first (<c>sort_order=asc</c> for oldest first). Pages by <c>offset</c>/<c>limit</c>
/// (the spec) or <c>page</c>/<c>page_size</c> (the SDKs); at most 100 a page, 30 by default.</summary>
public static class OrderSearch
{
    public const int DefaultLimit = 30, MaxLimit = 100;

    public static IResult Search(OrderContext c)
    {
        var q = c.Request.Query;
        var begin = Date(q, "begin_date");
        var end = Date(q, "end_date");
        var limit = Number(q, "limit", 1) ?? Number(q, "page_size", 1) ?? DefaultLimit;
        if (limit > MaxLimit) throw OrderErrors.PropertyValue("limit").Exception();
        var offset = Number(q, "offset", 0) ?? (Number(q, "page", 1) is { } page ? (page - 1) * limit : 0);
        var descending = Text(q, "sort_order") switch
        {
            null or "desc" => true,
            "asc" => false,
            _ => throw OrderErrors.PropertyValue("sort_order").Exception(),
        };
        var now = c.Clock.GetUtcNow();
        var group = Text(q, "external_reference") is { } reference
            ? OrderTables.WithReference(c.Seller.Id, reference)
            : OrderTables.OfSeller(c.Seller.Id);
        var matches = c.Data.OrdersIn(group)
            .Where(o => o.CreatedDate >= begin && o.CreatedDate <= end && Equal(q, "type", o.Type))
            .Select(o => (Order: o, Payments: c.Data.PaymentsOf(o, now)))
            .Where(m => Matches(q, m.Order, m.Payments))
            .ToList();
        if (descending) matches.Reverse();
        return OrdersEndpoints.Json(StatusCodes.Status200OK, new JsonObject
        {
            ["data"] = new JsonArray(matches.Skip(offset).Take(limit).Select(m => (JsonNode)c.Render(m.Order, m.Payments)).ToArray()),
            ["paging"] = new JsonObject
            {
                ["total"] = matches.Count.ToString(CultureInfo.InvariantCulture),
                ["total_pages"] = ((matches.Count + limit - 1) / limit).ToString(CultureInfo.InvariantCulture),
                ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
                ["limit"] = limit.ToString(CultureInfo.InvariantCulture),
            },
        });
    }

    static bool Matches(IQueryCollection q, Order order, IReadOnlyList<Payments.Payment?> payments)
    {
        var (status, detail) = OrderRules.Of(order, payments);
        return Equal(q, "status", status) && Equal(q, "status_detail", detail)
            && (Text(q, "payment_method_id") is not { } id || order.Payments.Any(t => t.Request.MethodId == id))
            && (Text(q, "payment_method_type") is not { } type || order.Payments.Any(t => t.Request.MethodType == type));
    }

    static bool Equal(IQueryCollection q, string name, string value) => Text(q, name) is not { } wanted || wanted == value;

    static string? Text(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } v ? v : null;

    static DateTimeOffset Date(IQueryCollection q, string name) =>
        Text(q, name) is not { } text ? throw OrderErrors.RequiredProperties(name).Exception()
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date
        : throw OrderErrors.PropertyValue(name).Exception();

    static int? Number(IQueryCollection q, string name, int min) =>
        Text(q, name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
        : throw OrderErrors.PropertyValue(name).Exception();
}
