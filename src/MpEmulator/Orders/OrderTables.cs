using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary>Orders: the table, the groups searches and the dashboard walk, and which order a payment belongs to.</summary>
public sealed class OrderTables
{
    /// <summary>Groups of an order, each oldest-first by creation: every order, a seller's, a seller's by external
    /// reference, and the order of each payment charged for it.</summary>
    public readonly TableIndex<string, Order, long> Listing = new(Groups, o => o.Number);

    public const string AllGroup = "all";

    public OrderTables(Store store) => Orders = store.Table("orders", (Order o) => o.Id, Listing);

    public Table<string, Order> Orders { get; }

    public static string OfSeller(long owner) => $"o|{owner}";
    public static string WithReference(long owner, string reference) => $"r|{owner}|{reference}";
    public static string OfPayment(long paymentId) => $"p|{paymentId}";

    static IEnumerable<string> Groups(Order o)
    {
        yield return AllGroup;
        yield return OfSeller(o.OwnerId);
        if (o.ExternalReference is { } reference) yield return WithReference(o.OwnerId, reference);
        foreach (var t in o.Payments)
            if (t.PaymentId is { } payment) yield return OfPayment(payment);
    }
}

public static class OrderData
{
    public static OrderTables OrderTables(this Store store) => store.Part(s => new OrderTables(s));

    public static Owned<string, Order> Orders(this SellerData data) => new(data.Store.OrderTables().Orders, data.Seller.Id);

    public static Order FindOrder(this SellerData data, string id) => data.Orders().Find(id) ?? throw OrderErrors.OrderNotFound.Exception();

    /// <summary>The order a payment was charged for, whoever owns it (webhooks and the dashboard).</summary>
    public static Order? OrderOfPayment(this Store store, long paymentId)
    {
        var t = store.OrderTables();
        return t.Listing.Keys(MpEmulator.Orders.OrderTables.OfPayment(paymentId)).Select(t.Orders.FindById).FirstOrDefault();
    }

    /// <summary>Stores a changed order of this seller (inside a write).</summary>
    public static void SaveOrder(this SellerData data, Order order)
    {
        data.Orders().Save(order);
        data.Store.NotifyChanged();
    }

    /// <summary>The payments of an order's transactions as of now (null where not charged yet), read only.</summary>
    public static List<Payment?> PaymentsOf(this SellerData data, Order order, DateTimeOffset now) =>
        order.Payments.Select(t => t.PaymentId is { } id ? data.Current(id.ToString(), now) : null).ToList();

    /// <summary>Inside a write: the same, with what time alone did to them stored first.</summary>
    public static List<Payment?> AgedPaymentsOf(this SellerData data, Order order, DateTimeOffset now) =>
        order.Payments.Select(t => t.PaymentId is { } id ? data.Aged(id.ToString(), now) : null).ToList();

    /// <summary>A seller's orders in a listing group, oldest first, for a search to filter.</summary>
    public static IEnumerable<Order> OrdersIn(this SellerData data, string group)
    {
        var t = data.Store.OrderTables();
        return t.Listing.Keys(group).Select(t.Orders.FindById).OfType<Order>().Where(o => o.OwnerId == data.Seller.Id);
    }
}
