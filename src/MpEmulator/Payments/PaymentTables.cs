using System.Text.Json;
using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

/// <summary>Payments and their events: the tables, the indexes searches walk, and what a write does to them.</summary>
public sealed class PaymentTables
{
    /// <summary>Groups of a payment, each newest-last by creation: every payment (the admin plane), a seller's, and a
    /// seller's by status, external reference and payer email (the search filters that lead a search).</summary>
    public readonly TableIndex<long, Payment, DateTimeOffset> Listing = new(Groups, p => p.DateCreated);

    /// <summary>Payments that time alone will change, soonest first.</summary>
    public readonly TableIndex<long, Payment, DateTimeOffset> Due = new(p => p.NextChangeAt is null ? [] : [DueGroup], p => p.NextChangeAt ?? default);

    public readonly TableIndex<long, PaymentEvent, long> EventIndex = new(e => [AllGroup, $"p|{e.PaymentId}"], e => e.Id);

    public const string AllGroup = "all";
    public const string DueGroup = "due";

    /// <summary>Loads both tables: an index is read only once its table is loaded.</summary>
    public PaymentTables(Store store)
    {
        Payments = store.Table("payments", (Payment p) => p.Id, Listing, Due);
        Events = store.Table("payment_events", (PaymentEvent e) => e.Id, EventIndex);
    }

    public Table<long, Payment> Payments { get; }

    public Table<long, PaymentEvent> Events { get; }

    public static string OfSeller(long owner) => $"o|{owner}";
    public static string WithStatus(long owner, string status) => $"s|{owner}|{status}";
    public static string WithReference(long owner, string reference) => $"r|{owner}|{reference}";
    public static string WithPayerEmail(long owner, string email) => $"e|{owner}|{email.ToLowerInvariant()}";

    static IEnumerable<string> Groups(Payment p)
    {
        yield return AllGroup;
        yield return OfSeller(p.OwnerId);
        yield return WithStatus(p.OwnerId, p.Status);
        if (p.ExternalReference is { } reference) yield return WithReference(p.OwnerId, reference);
        if (p.Payer.Email is { } email) yield return WithPayerEmail(p.OwnerId, email);
    }
}

public static class PaymentData
{
    public static PaymentTables PaymentTables(this Store store) => store.Part(s => new PaymentTables(s));

    public static Owned<long, Payment> Payments(this SellerData data) => new(data.Store.PaymentTables().Payments, data.Seller.Id);

    /// <summary>A payment whoever owns it: for the admin plane only.</summary>
    public static Payment? AnyPayment(this Store store, long id) => store.PaymentTables().Payments.FindById(id);

    public static List<PaymentEvent> EventsOf(this Store store, long paymentId)
    {
        var t = store.PaymentTables();
        return t.EventIndex.Keys($"p|{paymentId}").Select(id => t.Events.FindById(id)).OfType<PaymentEvent>().ToList();
    }

    /// <summary>The next payment or refund id (inside a write).</summary>
    public static long NextId(this SellerData data, string sequence, long start) => data.Store.Next(sequence, start);

    /// <summary>Stores a changed payment of this seller (inside a write) and, when its status moved, the event webhooks
    /// will deliver.</summary>
    public static void Save(this SellerData data, Payment before, Payment after, DateTimeOffset now, string? action = null)
    {
        data.Payments().Save(after);
        data.Store.Recorded(before, after, now, action);
    }

    /// <summary>Stores a payment whoever owns it (inside a write): time passing, and fixtures, which act for any seller.</summary>
    public static void SaveAny(this Store store, Payment before, Payment after, DateTimeOffset now, string? action = null)
    {
        store.PaymentTables().Payments.Upsert(after);
        store.Recorded(before, after, now, action);
    }

    static void Recorded(this Store store, Payment before, Payment after, DateTimeOffset now, string? action)
    {
        var t = store.PaymentTables();
        if (action is not null || before.Status != after.Status || before.StatusDetail != after.StatusDetail)
            t.Events.Insert(new PaymentEvent
            {
                Id = store.Next("payment_events", t.EventIndex.Last(MpEmulator.Payments.PaymentTables.AllGroup)?.Order ?? 0),
                OwnerId = after.OwnerId, PaymentId = after.Id, Action = action ?? "payment.updated",
                Status = after.Status, StatusDetail = after.StatusDetail, Date = now,
            });
        if (action == "payment.created") Metrics.EmulatorMetrics.PaymentCreated(after.Status, after.PaymentMethodId);
        if (after.Refunds.Count > before.Refunds.Count) Metrics.EmulatorMetrics.Refunded(after.Refunds.Count - before.Refunds.Count, after.PaymentMethodId);
        store.NotifyChanged();
    }

    /// <summary>A seller's payment as of now, read only: whatever time alone has done to it and the scheduler has not
    /// stored yet is shown as it will be stored.</summary>
    public static Payment Current(this SellerData data, string id, DateTimeOffset now) => PaymentRules.PassTime(Find(data, id), now);

    /// <summary>Inside a write: the seller's payment, with what time alone did to it stored first (and its event).</summary>
    public static Payment Aged(this SellerData data, string id, DateTimeOffset now)
    {
        var found = Find(data, id);
        var aged = PaymentRules.PassTime(found, now);
        if (!ReferenceEquals(aged, found)) data.Save(found, aged, aged.DateLastUpdated);
        return aged;
    }

    /// <summary>Stores what time has done to every payment due by <paramref name="now"/>, in due order (inside a write).</summary>
    public static int ApplyDue(this Store store, DateTimeOffset now)
    {
        var t = store.PaymentTables();
        var due = t.Due.Until(MpEmulator.Payments.PaymentTables.DueGroup, now);
        foreach (var id in due)
            if (t.Payments.FindById(id) is { } payment)
            {
                var aged = PaymentRules.PassTime(payment, now);
                if (!ReferenceEquals(aged, payment)) store.SaveAny(payment, aged, aged.DateLastUpdated);
            }
        return due.Count;
    }

    /// <summary>Stores what time has done to payments due by now before statuses are read. The scheduler does it as each
    /// deadline passes; this covers a search or a clock move that lands first. With storage refusing writes, reads go on.</summary>
    public static async Task CatchUp(this Store store, DateTimeOffset now)
    {
        if (store.PaymentTables().Due.First(MpEmulator.Payments.PaymentTables.DueGroup) is not { } first || first.Order > now) return;
        try
        {
            await store.WriteAsync(() => store.ApplyDue(now));
        }
        catch (MpException e) when (e.Error.Status == 507)
        {
        }
    }

    /// <summary>The seller's payments in a listing group, filtered, in creation order or by <paramref name="sortKey"/>:
    /// the total and one page. Unfiltered, the group's size is the total and the page is read straight from the index.</summary>
    public static async Task<(int Total, List<Payment> Page)> SearchPayments(this SellerData data, Func<long, string> group,
        List<Func<Payment, bool>> filters, Func<Payment, IComparable?>? sortKey, bool descending, int offset, int limit, DateTimeOffset now)
    {
        await data.Store.CatchUp(now);
        var t = data.Store.PaymentTables();
        var name = group(data.Seller.Id);
        if (filters.Count == 0 && sortKey is null)
            return (t.Listing.Count(name), t.Listing.Page(name, descending, offset, limit).Select(t.Payments.FindById).OfType<Payment>().ToList());
        var matches = t.Listing.Keys(name).Select(t.Payments.FindById).OfType<Payment>().Where(p => filters.All(f => f(p)));
        if (descending) matches = matches.Reverse();
        if (sortKey is not null) matches = descending ? matches.OrderByDescending(sortKey) : matches.OrderBy(sortKey);
        var all = matches.ToList();
        return (all.Count, all.Skip(offset).Take(limit).ToList());
    }

    /// <summary>The payment's JSON as sent; serialized once per stored version.</summary>
    public static byte[] Json(this SellerData data, Payment payment, JsonSerializerOptions options) =>
        data.Store.PaymentTables().Payments.Json(payment, p => JsonSerializer.SerializeToUtf8Bytes(p, options));

    static Payment Find(SellerData data, string id) =>
        (long.TryParse(id, out var number) ? data.Payments().Find(number) : null) ?? throw PaymentErrors.PaymentNotFound.Exception();
}
