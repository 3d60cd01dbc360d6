using System.Text.Json.Nodes;
using MpEmulator.Infrastructure;

namespace MpEmulator.Orders;

/// <summary>An online order as stored: what the merchant asked for and the payments charged for it. Its statuses are not
/// stored: they are read from those payments (see <see cref="OrderRules"/>), so everything that moves a payment (time,
/// the admin plane, a scenario) moves its order too.</summary>
public sealed record Order : IOwned
{
    public string Id { get; set; } = "";
    /// <summary>Creation order: orders made in the same millisecond still list in the order they were made.</summary>
    public long Number { get; set; }
    public long OwnerId { get; set; }
    public string SiteId { get; set; } = "";
    public string Type { get; set; } = "online";
    public string ProcessingMode { get; set; } = "automatic";
    public string CaptureMode { get; set; } = "automatic";
    public decimal TotalAmount { get; set; }
    public string? ExternalReference { get; set; }
    public string? Description { get; set; }
    public JsonObject Payer { get; set; } = [];
    /// <summary>What the merchant sent that the emulator only stores and answers back (items, config, shipment, ...).</summary>
    public JsonObject Echoed { get; set; } = [];
    /// <summary>False for a manual order until <c>/process</c> charges its transactions.</summary>
    public bool Processed { get; set; }
    /// <summary>Cancelled before it was processed: nothing was charged.</summary>
    public bool Cancelled { get; set; }
    public DateTimeOffset CreatedDate { get; set; }
    public DateTimeOffset LastUpdatedDate { get; set; }
    public List<OrderTransaction> Payments { get; set; } = [];
    public List<OrderRefund> Refunds { get; set; } = [];
}

/// <summary>One entry of <c>transactions.payments</c>: as requested, and the <c>/v1/payments</c> payment charged for it.</summary>
public sealed record OrderTransaction
{
    public string Id { get; set; } = "";
    public TransactionRequest Request { get; set; } = new();
    public long? PaymentId { get; set; }
}

/// <summary>One entry of <c>transactions.refunds</c>, backed by a refund of the transaction's payment.</summary>
public sealed record OrderRefund
{
    public string Id { get; set; } = "";
    public string TransactionId { get; set; } = "";
    public long RefundId { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset DateCreated { get; set; }
}
