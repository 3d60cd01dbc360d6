using LiteDB;
using MpEmulator.Infrastructure;

namespace MpEmulator.Webhooks;

/// <summary>The webhook delivery log under <c>/__admin/webhooks</c>.
/// Part of the control plane, so no seller token is needed.</summary>
public static class WebhooksEndpoints
{
    public static readonly MpError DeliveryNotFound = new(404, "not_found", "Webhook delivery not found", null, null);
    public static readonly MpError InvalidFilter = new(400, "bad_request", "Invalid webhook filter", null, null);

    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<WebhookSignal>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/__admin/webhooks").WithTags("Admin");
        g.MapGet("", List);                         // ?payment_id= &seller= &status= &limit= &offset=
        g.MapGet("/{id:long}", Get);
        return app;
    }

    public static ILiteCollection<WebhookDelivery> WebhookDeliveries(this Store store) =>
        store.Collection<WebhookDelivery>("webhook_deliveries", nameof(WebhookDelivery.PaymentId), nameof(WebhookDelivery.Status));

    // The log is read under the store's lock: deliveries are rewritten after every attempt, from background threads,
    // and a LiteDB 5 read racing another thread's transaction has been seen to fail.
    public static List<WebhookDelivery> PendingDeliveries(this Store store) =>
        store.Write(() => store.WebhookDeliveries().Find(d => d.Status == "pending").OrderBy(d => d.Id).ToList());

    /// <summary>Newest first.</summary>
    static Ok<SearchPage<WebhookDelivery>> List(HttpRequest request, Store store)
    {
        var q = request.Query;
        var (limit, offset) = PagingRules.Read(q, 50, 1000, InvalidFilter);
        var filters = new List<(string, BsonValue)>();
        if (q["payment_id"].ToString() is { Length: > 0 } payment) filters.Add(("$.PaymentId = @0", Number(payment)));
        if (q["seller"].ToString() is { Length: > 0 } seller) filters.Add(("$.OwnerId = @0", Number(seller)));
        if (q["status"].ToString() is { Length: > 0 } status) filters.Add(("$.Status = @0", status));
        return TypedResults.Ok(store.Write(() =>
        {
            var query = store.WebhookDeliveries().Query();
            foreach (var (predicate, value) in filters) query = query.Where(predicate, value);
            var total = query.Count();
            var page = query.OrderByDescending("_id").Skip(offset).Limit(limit).ToList();
            return new SearchPage<WebhookDelivery>(new Paging(total, limit, offset), page);
        }));
    }

    static Ok<WebhookDelivery> Get(long id, Store store) =>
        TypedResults.Ok(store.Write(() => store.WebhookDeliveries().FindById(id)) ?? throw DeliveryNotFound.Exception());

    static BsonValue Number(string value) =>
        long.TryParse(value, out var n) ? new BsonValue(n) : throw InvalidFilter.WithMessage($"Invalid number {value}").Exception();
}
