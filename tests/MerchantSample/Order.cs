using System.Collections.Concurrent;

namespace MerchantSample;

public enum OrderStatus { Created, AwaitingPayment, Authorized, Paid, PaymentFailed, Expired, Cancelled, Refunded }

public sealed record Order(string Id, decimal Amount, string Description)
{
    public OrderStatus Status { get; init; } = OrderStatus.Created;
    public long? PaymentId { get; init; }
    /// <summary>Mercado Pago's <c>status_detail</c> when the payment did not go through.</summary>
    public string? FailureReason { get; init; }
    /// <summary>The Pix copy-and-paste code shown to the buyer.</summary>
    public string? PixCode { get; init; }
}

/// <summary>The merchant's orders; a database in real life.</summary>
public sealed class Orders
{
    readonly ConcurrentDictionary<string, Order> byId = new();

    public Order Add(decimal amount, string description) => Save(new Order($"order-{Guid.NewGuid():N}", amount, description));

    public Order Get(string id) => byId.TryGetValue(id, out var order) ? order : throw new KeyNotFoundException($"no order {id}");

    public Order? Find(string id) => byId.GetValueOrDefault(id);

    public Order Save(Order order) => byId[order.Id] = order;
}
