using System.Globalization;
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

    /// <summary>Registered sellers, then those seen calling the API (latest first), then owners of stored data whose token
    /// is unknown; <c>?user_id</c> (a user id or a token) picks one, <c>?offset&amp;limit</c> page (50 by default, at most 200).</summary>
    public static Ok<SearchPage<SellerView>> Sellers(HttpRequest request, Store store, SellerDirectory directory, SeenTokens seen,
        IOptions<EmulatorOptions> options)
    {
        var (limit, offset) = PagingRules.Read(request.Query, 50, 200, Invalid);
        var payments = store.PaymentTables();
        var customers = store.CustomerTables();
        var sellers = directory.Registered
            .Select(a => new SellerView(SellerDirectory.UserIdOf(a.AccessToken), a.AccessToken, a.SiteId ?? options.Value.Site, a.PublicKey,
                a.WebhookSecret, a.NotificationUrl, true, 0, 0))
            .Concat(seen.All.Select(t => new SellerView(t.Key, t.Value, "", null, null, null, false, 0, 0)))
            .Concat(Owners(payments.Listing.Groups("o|")).Concat(Owners(customers.Listing.Groups("a|")))
                .Select(id => new SellerView(id, null, "", null, null, null, false, 0, 0)))
            .DistinctBy(v => v.UserId);
        if (Text(request.Query, "user_id") is { } wanted) sellers = sellers.Where(v => v.UserId == SellerId(wanted));
        var all = sellers.ToList();
        return TypedResults.Ok(new SearchPage<SellerView>(new Paging(all.Count, limit, offset), all.Skip(offset).Take(limit)
            .Select(v => v with
            {
                SiteId = v.SiteId is { Length: > 0 } site ? site
                    : (v.AccessToken is { } token ? directory.ByAccessToken(token)?.SiteId
                        : payments.Listing.Page(PaymentTables.OfSeller(v.UserId), false, 0, 1).Select(payments.Payments.FindById).FirstOrDefault()?.SiteId)
                      ?? options.Value.Site,
                Payments = payments.Listing.Count(PaymentTables.OfSeller(v.UserId)),
                Customers = customers.Listing.Count(CustomerTables.EveryOf(v.UserId)),
            })
            .ToList()));
    }

    /// <summary><c>?seller&amp;status&amp;method&amp;external_reference&amp;from&amp;to&amp;offset&amp;limit</c>, newest first.
    /// <c>method</c> is a method id (<c>pix</c>) or a type (<c>credit_card</c>); a plain date in <c>to</c> includes that day.</summary>
    public static async Task<Ok<SearchPage<Payment>>> Payments(HttpRequest request, Store store, TimeProvider clock, IOptions<EmulatorOptions> options)
    {
        var q = request.Query;
        var (limit, offset) = PagingRules.Read(q, 20, 200, Invalid);
        var now = clock.GetUtcNow();
        await store.CatchUp(now);
        var t = store.PaymentTables();
        var filters = new List<Func<Payment, bool>>();
        if (Text(q, "status") is { } status) filters.Add(p => p.Status == status);
        if (Text(q, "method") is { } method) filters.Add(p => p.PaymentMethodId == method || p.PaymentTypeId == method);
        if (Text(q, "external_reference") is { } reference) filters.Add(p => p.ExternalReference == reference);
        if (Text(q, "from") is { } from)
        {
            var since = Instant(from, now, options.Value.Offset, 0);
            filters.Add(p => p.DateCreated >= since);
        }
        if (Text(q, "to") is { } to)
        {
            var until = Instant(to, now, options.Value.Offset, 1);
            filters.Add(p => p.DateCreated < until);
        }
        var group = Text(q, "seller") is { } seller ? PaymentTables.OfSeller(SellerId(seller)) : PaymentTables.AllGroup;
        if (filters.Count == 0)
            return TypedResults.Ok(new SearchPage<Payment>(new Paging(t.Listing.Count(group), limit, offset),
                t.Listing.Page(group, true, offset, limit).Select(t.Payments.FindById).OfType<Payment>().ToList()));
        var all = t.Listing.Keys(group).Select(t.Payments.FindById).OfType<Payment>().Where(p => filters.All(f => f(p))).Reverse().ToList();
        return TypedResults.Ok(new SearchPage<Payment>(new Paging(all.Count, limit, offset), all.Skip(offset).Take(limit).ToList()));
    }

    public static Ok<PaymentStory> Payment(long id, Store store, TimeProvider clock)
    {
        var found = store.AnyPayment(id) ?? throw PaymentErrors.PaymentNotFound.Exception();
        var payment = store.For(Owner(found.OwnerId)).Current(id.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow());
        var events = store.EventsOf(id);
        var actions = OutsideEvents.From.Where(a => a.Value.Contains(payment.Status)).Select(a => a.Key).ToList();
        return TypedResults.Ok(new PaymentStory(payment, events, actions));
    }

    /// <summary><c>?seller&amp;offset&amp;limit</c>: customers (deleted ones too, with their status) and their saved cards.</summary>
    public static Ok<SearchPage<Customer>> Customers(HttpRequest request, Store store)
    {
        var (limit, offset) = PagingRules.Read(request.Query, 20, 200, Invalid);
        var t = store.CustomerTables();
        var group = Text(request.Query, "seller") is { } seller ? CustomerTables.EveryOf(SellerId(seller)) : CustomerTables.AllGroup;
        var page = t.Listing.Page(group, true, offset, limit).Select(t.Customers.FindById).OfType<Customer>()
            .Select(store.WithCards).ToList();
        return TypedResults.Ok(new SearchPage<Customer>(new Paging(t.Listing.Count(group), limit, offset), page));
    }

    static IEnumerable<long> Owners(IEnumerable<string> groups) => groups.Select(g => long.Parse(g[2..], CultureInfo.InvariantCulture));

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
