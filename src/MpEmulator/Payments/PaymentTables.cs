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

    public static Owned<long, Payment> Payments(this Store store, Seller seller) => new(store.PaymentTables().Payments, seller.Id);

    /// <summary>A payment whoever owns it: for the admin plane only.</summary>
    public static Payment? AnyPayment(this Store store, long id) => store.PaymentTables().Payments.FindById(id);

    public static List<PaymentEvent> EventsOf(this Store store, long paymentId)
    {
        var t = store.PaymentTables();
        return t.EventIndex.Keys($"p|{paymentId}").Select(id => t.Events.FindById(id)).OfType<PaymentEvent>().ToList();
    }

    /// <summary>Stores a changed payment (inside a write) and, when its status moved, the event webhooks will deliver.</summary>
    public static void Save(this Store store, Payment before, Payment after, DateTimeOffset now, string? action = null)
    {
        var t = store.PaymentTables();
        t.Payments.Upsert(after);
        if (action is not null || before.Status != after.Status || before.StatusDetail != after.StatusDetail)
            t.Events.Insert(new PaymentEvent
            {
                Id = store.Next("payment_events", t.EventIndex.Last(MpEmulator.Payments.PaymentTables.AllGroup)?.Order ?? 0), OwnerId = after.OwnerId, PaymentId = after.Id, Action = action ?? "payment.updated",
                Status = after.Status, StatusDetail = after.StatusDetail, Date = now,
            });
        store.NotifyChanged();
    }

    /// <summary>A seller's payment as of now, read only: whatever time alone has done to it and the scheduler has not
    /// stored yet is shown as it will be stored.</summary>
    public static Payment Current(this Store store, Seller seller, string id, DateTimeOffset now) =>
        PaymentRules.PassTime(Find(store, seller, id), now);

    /// <summary>Inside a write: the seller's payment, with what time alone did to it stored first (and its event).</summary>
    public static Payment Aged(this Store store, Seller seller, string id, DateTimeOffset now)
    {
        var found = Find(store, seller, id);
        var aged = PaymentRules.PassTime(found, now);
        if (!ReferenceEquals(aged, found)) store.Save(found, aged, aged.DateLastUpdated);
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
                if (!ReferenceEquals(aged, payment)) store.Save(payment, aged, aged.DateLastUpdated);
            }
        return due.Count;
    }

    /// <summary>The payment's JSON as sent; serialized once per stored version.</summary>
    public static byte[] Json(this Store store, Payment payment, JsonSerializerOptions options) =>
        store.PaymentTables().Payments.Json(payment, p => JsonSerializer.SerializeToUtf8Bytes(p, options));

    static Payment Find(Store store, Seller seller, string id) =>
        (long.TryParse(id, out var number) ? store.Payments(seller).Find(number) : null) ?? throw PaymentErrors.PaymentNotFound.Exception();
}
