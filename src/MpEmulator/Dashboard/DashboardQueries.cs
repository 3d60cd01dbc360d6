using System.Globalization;
using LiteDB;
using Microsoft.Extensions.Options;
using MpEmulator.Cards;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Dashboard;

/// <summary>Read-only views across every seller, for the dashboard: sellers, payments, one payment's story, customers.</summary>
public static class DashboardQueries
{
    public sealed record SellerView(long UserId, string? AccessToken, string SiteId, string? PublicKey, string? WebhookSecret,
        string? NotificationUrl, bool Registered, int Payments, int Customers);

    /// <summary>A payment with its events in order and the admin actions its status allows.</summary>
    public sealed record PaymentStory(Payment Payment, IReadOnlyList<PaymentEvent> Events, IReadOnlyList<string> Actions);

    static readonly MpError Invalid = PaymentErrors.ParamsError.WithMessage("Invalid filter: seller is a user id or a token, "
        + "from/to ISO dates, limit 1..200, offset a non-negative integer");

    /// <summary>Registered sellers, then those seen calling the API, then owners of stored data whose token is unknown.</summary>
    public static Ok<List<SellerView>> Sellers(Store store, SellerDirectory directory, SeenTokens seen, IOptions<EmulatorOptions> options)
    {
        var views = new Dictionary<long, SellerView>();
        foreach (var a in directory.Registered)
            views.TryAdd(SellerDirectory.UserIdOf(a.AccessToken), new SellerView(SellerDirectory.UserIdOf(a.AccessToken), a.AccessToken,
                a.SiteId ?? options.Value.Site, a.PublicKey, a.WebhookSecret, a.NotificationUrl, true, 0, 0));
        foreach (var (id, token) in seen.All)
            views.TryAdd(id, new SellerView(id, token, directory.ByAccessToken(token)?.SiteId ?? options.Value.Site, null, null, null, false, 0, 0));
        foreach (var id in Owners(store, "payments").Concat(Owners(store, "customers")).Distinct())
            views.TryAdd(id, new SellerView(id, null, store.AllPayments().FindOne(Query.EQ("OwnerId", id))?.SiteId ?? options.Value.Site,
                null, null, null, false, 0, 0));
        return TypedResults.Ok(views.Values
            .Select(v => v with { Payments = Count(store, "payments", v.UserId), Customers = Count(store, "customers", v.UserId) })
            .ToList());
    }

    /// <summary><c>?seller&amp;status&amp;method&amp;external_reference&amp;from&amp;to&amp;offset&amp;limit</c>, newest first.
    /// <c>method</c> is a method id (<c>pix</c>) or a type (<c>credit_card</c>); a plain date in <c>to</c> includes that day.</summary>
    public static Ok<SearchPage<Payment>> Payments(HttpRequest request, Store store, TimeProvider clock, IOptions<EmulatorOptions> options)
    {
        var q = request.Query;
        var (limit, offset) = PagingRules.Read(q, 20, 200, Invalid);
        var now = clock.GetUtcNow();
        PaymentSearch.Sweep(store, null, now);
        var query = store.AllPayments().Query();
        if (Text(q, "seller") is { } seller) query = query.Where("$.OwnerId = @0", SellerId(seller));
        if (Text(q, "status") is { } status) query = query.Where("$.Status = @0", status);
        if (Text(q, "method") is { } method) query = query.Where("($.PaymentMethodId = @0 OR $.PaymentTypeId = @0)", method);
        if (Text(q, "external_reference") is { } reference) query = query.Where("$.ExternalReference = @0", reference);
        if (Text(q, "from") is { } from) query = query.Where("$.DateCreated >= @0", Instant(from, now, options.Value.Offset, 0).UtcDateTime);
        if (Text(q, "to") is { } to) query = query.Where("$.DateCreated < @0", Instant(to, now, options.Value.Offset, 1).UtcDateTime);
        var total = query.Count();
        var page = query.OrderByDescending("$.DateCreated").Skip(offset).Limit(limit).ToList();
        return TypedResults.Ok(new SearchPage<Payment>(new Paging(total, limit, offset), page));
    }

    public static Ok<PaymentStory> Payment(long id, Store store, TimeProvider clock)
    {
        var found = store.AnyPayment(id) ?? throw PaymentErrors.PaymentNotFound.Exception();
        var payment = store.Current(Owner(found.OwnerId), id.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow());
        var events = store.PaymentEvents().Query().Where("$.PaymentId = @0", id).OrderBy("$._id").ToList();
        var actions = OutsideEvents.From.Where(a => a.Value.Contains(payment.Status)).Select(a => a.Key).ToList();
        return TypedResults.Ok(new PaymentStory(payment, events, actions));
    }

    /// <summary><c>?seller&amp;offset&amp;limit</c>: customers (deleted ones too, with their status) and their saved cards.</summary>
    public static Ok<SearchPage<Customer>> Customers(HttpRequest request, Store store)
    {
        var (limit, offset) = PagingRules.Read(request.Query, 20, 200, Invalid);
        var query = store.Customers(Owner(0)).Collection.Query();
        if (Text(request.Query, "seller") is { } seller) query = query.Where("$.OwnerId = @0", SellerId(seller));
        var total = query.Count();
        var page = query.OrderByDescending("$.DateCreated").Skip(offset).Limit(limit).ToList()
            .Select(c => c with { Cards = store.CardsOf(Owner(c.OwnerId), c.Id) }).ToList();
        return TypedResults.Ok(new SearchPage<Customer>(new Paging(total, limit, offset), page));
    }

    /// <summary>Distinct owners of a collection, one index seek each: cheap even with a generated million payments.</summary>
    static IEnumerable<long> Owners(Store store, string name)
    {
        var collection = store.Db.GetCollection(name);
        collection.EnsureIndex("OwnerId");
        for (var next = collection.Query().OrderBy("$.OwnerId").Limit(1).FirstOrDefault(); next is not null;
             next = collection.Query().Where("$.OwnerId > @0", next["OwnerId"]).OrderBy("$.OwnerId").Limit(1).FirstOrDefault())
            yield return next["OwnerId"].AsInt64;
    }

    static int Count(Store store, string name, long owner) => store.Db.GetCollection(name).Count(Query.EQ("OwnerId", owner));

    static Seller Owner(long id) => new(id, "", null, null, null, null);

    static long SellerId(string value) => long.TryParse(value, out var id) ? id : SellerDirectory.UserIdOf(value);

    static string? Text(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>An ISO instant, or a plain date (what a date input sends) at midnight of the emulator's offset, plus <paramref name="days"/>.</summary>
    static DateTimeOffset Instant(string value, DateTimeOffset now, TimeSpan offset, int days)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.AddDays(days).ToDateTime(TimeOnly.MinValue), offset);
        try { return PaymentSearch.Instant(value, now); }
        catch (MpException) { throw Invalid.Exception(); }
    }
}
