using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MpEmulator.Infrastructure;

namespace MpEmulator.Webhooks;

/// <summary>The webhook delivery log under <c>/__admin/webhooks</c>: read it, replay a delivery, send a sample.
/// Part of the control plane, so no seller token is needed.</summary>
public static class WebhooksEndpoints
{
    /// <summary>What a test send announces when no seller is named and none is configured; the payment id MP's simulator uses.</summary>
    public const long SampleUserId = 123456789;
    public const long SamplePaymentId = 123456;

    public static readonly MpError DeliveryNotFound = new(404, "not_found", "Webhook delivery not found", null, null);
    public static readonly MpError InvalidUrl = new(400, "bad_request", "url must be an absolute http or https URL", null, null);
    public static readonly MpError InvalidFilter = new(400, "bad_request", "Invalid webhook filter", null, null);

    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<WebhookSignal>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        return services;
    }

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder admin)
    {
        var g = admin.MapGroup("/webhooks");
        g.MapGet("", List);                         // ?payment_id= &seller= &status= &limit= &offset=
        g.MapGet("/{id:long}", Get);
        g.MapPost("/{id:long}/replay", Replay);     // same body, new request id and signature
        g.MapPost("/test", Test);                   // {"url": "...", "seller": 123, "ipn": false}
        return admin;
    }

    public static DeliveryTable Deliveries(this Store store) => store.Part(s => new DeliveryTable(s));

    public static Table<long, WebhookDelivery> WebhookDeliveries(this Store store) => store.Deliveries().Rows;

    /// <summary>Deliveries waiting for an attempt, oldest first.</summary>
    public static List<WebhookDelivery> PendingDeliveries(this Store store)
    {
        var t = store.Deliveries();
        return t.Index.Keys(DeliveryTable.Status("pending")).Select(t.Rows.FindById).OfType<WebhookDelivery>().ToList();
    }

    /// <summary>Newest first.</summary>
    static Ok<SearchPage<WebhookDelivery>> List(HttpRequest request, Store store)
    {
        var q = request.Query;
        var (limit, offset) = PagingRules.Read(q, 50, 1000, InvalidFilter);
        var t = store.Deliveries();
        var group = q["payment_id"].ToString() is { Length: > 0 } payment ? DeliveryTable.Payment(Number(payment))
            : q["seller"].ToString() is { Length: > 0 } seller ? DeliveryTable.Owner(Number(seller))
            : q["status"].ToString() is { Length: > 0 } only ? DeliveryTable.Status(only)
            : DeliveryTable.All;
        var filters = new List<Func<WebhookDelivery, bool>>();
        if (q["payment_id"].ToString() is { Length: > 0 } p) filters.Add(d => d.PaymentId == Number(p));
        if (q["seller"].ToString() is { Length: > 0 } s) filters.Add(d => d.OwnerId == Number(s));
        if (q["status"].ToString() is { Length: > 0 } status) filters.Add(d => d.Status == status);
        var all = t.Index.Keys(group).Select(t.Rows.FindById).OfType<WebhookDelivery>().Where(d => filters.All(f => f(d))).Reverse().ToList();
        return TypedResults.Ok(new SearchPage<WebhookDelivery>(new Paging(all.Count, limit, offset), all.Skip(offset).Take(limit).ToList()));
    }

    static Ok<WebhookDelivery> Get(long id, Store store) =>
        TypedResults.Ok(store.WebhookDeliveries().FindById(id) ?? throw DeliveryNotFound.Exception());

    static Accepted<WebhookDelivery> Replay(long id, Store store, TimeProvider clock, WebhookSignal signal)
    {
        var replay = store.Write(() =>
        {
            var original = store.WebhookDeliveries().FindById(id) ?? throw DeliveryNotFound.Exception();
            var now = clock.GetUtcNow();
            var copy = original with
            {
                Id = store.Next("webhook_deliveries", WebhookRules.FirstDeliveryId), ReplayOf = original.Id, Source = "replay",
                Body = (JsonObject)original.Body.DeepClone(), Status = "pending", Secret = null, Attempts = [],
                DateCreated = now, NextAttemptAt = now,
            };
            store.WebhookDeliveries().Insert(copy);
            return copy;
        });
        signal.Ping();
        return TypedResults.Accepted($"/__admin/webhooks/{replay.Id}", replay);
    }

    static Accepted<WebhookDelivery> Test(WebhookTestRequest body, Store store, TimeProvider clock, WebhookSignal signal,
        IOptions<WebhookOptions> webhooks, IOptions<EmulatorOptions> emulator)
    {
        if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) throw InvalidUrl.Exception();
        var seller = body.Seller
            ?? emulator.Value.Sellers.Select(s => SellerDirectory.UserIdOf(s.AccessToken)).FirstOrDefault(SampleUserId);
        var delivery = store.Write(() =>
        {
            var now = clock.GetUtcNow();
            var id = store.Next("webhook_deliveries", WebhookRules.FirstDeliveryId);
            var test = WebhookRules.Delivery(id, body.Url!, body.Ipn ?? webhooks.Value.Ipn, seller, SamplePaymentId, "payment.updated",
                now, emulator.Value.Offset, now) with { Source = "test" };
            store.WebhookDeliveries().Insert(test);
            return test;
        });
        signal.Ping();
        return TypedResults.Accepted($"/__admin/webhooks/{delivery.Id}", delivery);
    }

    static long Number(string value) =>
        long.TryParse(value, out var n) ? n : throw InvalidFilter.WithMessage($"Invalid number {value}").Exception();
}

/// <summary>The delivery log: every delivery by id, grouped by payment, seller and status.</summary>
public sealed class DeliveryTable
{
    public const string All = "all";

    public readonly TableIndex<long, WebhookDelivery, long> Index = new(d => [All, Payment(d.PaymentId), Owner(d.OwnerId), Status(d.Status)], d => d.Id);

    public DeliveryTable(Store store) => Rows = store.Table("webhook_deliveries", (WebhookDelivery d) => d.Id, Index);

    public Table<long, WebhookDelivery> Rows { get; }

    public static string Payment(long id) => $"p|{id}";
    public static string Owner(long id) => $"o|{id}";
    public static string Status(string status) => $"s|{status}";
}
