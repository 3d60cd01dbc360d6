namespace MpEmulator.Catalog;

/// <summary>One entry of <c>GET /v1/payment_methods/installments</c>: a method and issuer, and what each number of
/// installments costs the payer.</summary>
public sealed record InstallmentOption
{
    public string PaymentMethodId { get; init; } = "";
    public string PaymentTypeId { get; init; } = "";
    public InstallmentIssuer? Issuer { get; init; }
    public string ProcessingMode { get; init; } = "aggregator";
    public string? MerchantAccountId { get; init; }
    public List<PayerCost> PayerCosts { get; init; } = [];
    public List<string>? Agreements { get; init; }
}

public sealed record InstallmentIssuer(string Id, string Name, string? SecureThumbnail, string? Thumbnail);

public sealed record PayerCost
{
    public int Installments { get; init; }
    public decimal InstallmentRate { get; init; }
    public decimal DiscountRate { get; init; }
    public decimal? ReimbursementRate { get; init; }
    public List<string> Labels { get; init; } = [];
    public List<string> InstallmentRateCollector { get; init; } = [];
    public decimal MinAllowedAmount { get; init; }
    public decimal MaxAllowedAmount { get; init; }
    public string RecommendedMessage { get; init; } = "";
    public decimal InstallmentAmount { get; init; }
    public decimal TotalAmount { get; init; }
    public string PaymentMethodOptionId { get; init; } = "";
}
