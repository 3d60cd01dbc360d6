using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

/// <summary>A payment as stored and as Mercado Pago returns it: every field of the real object, null where MP has null.</summary>
public sealed record Payment : IOwned
{
    [JsonIgnore] public long OwnerId { get; set; }
    [JsonIgnore] public string SiteId { get; set; } = "";
    /// <summary>The next instant time alone changes this payment (authorization or ticket expiry, money release).</summary>
    [JsonIgnore] public DateTimeOffset? NextChangeAt { get; set; }
    /// <summary>When an uncaptured authorization lapses.</summary>
    [JsonIgnore] public DateTimeOffset? AuthorizationExpiresAt { get; set; }

    public long Id { get; set; }
    public DateTimeOffset DateCreated { get; set; }
    public DateTimeOffset? DateApproved { get; set; }
    public DateTimeOffset DateLastUpdated { get; set; }
    public DateTimeOffset? DateOfExpiration { get; set; }
    public DateTimeOffset? MoneyReleaseDate { get; set; }
    public string? MoneyReleaseStatus { get; set; }
    public string? MoneyReleaseSchema { get; set; }
    public string OperationType { get; set; } = "regular_payment";
    public string? IssuerId { get; set; }
    public string PaymentMethodId { get; set; } = "";
    public string PaymentTypeId { get; set; } = "";
    public PaymentMethodReference PaymentMethod { get; set; } = new();
    public string Status { get; set; } = "";
    public string StatusDetail { get; set; } = "";
    public string CurrencyId { get; set; } = "";
    public string? Description { get; set; }
    public bool LiveMode { get; set; }
    public long? SponsorId { get; set; }
    public string? AuthorizationCode { get; set; }
    public string? IntegratorId { get; set; }
    public string? PlatformId { get; set; }
    public string? CorporationId { get; set; }
    public long CollectorId { get; set; }
    public PaymentPayer Payer { get; set; } = new();
    public string? MarketplaceOwner { get; set; }
    public JsonObject Metadata { get; set; } = [];
    public JsonObject AdditionalInfo { get; set; } = [];
    public JsonObject Order { get; set; } = [];
    public string? ExternalReference { get; set; }
    public decimal TransactionAmount { get; set; }
    public decimal TransactionAmountRefunded { get; set; }
    public decimal CouponAmount { get; set; }
    public string? DifferentialPricingId { get; set; }
    public string? FinancingGroup { get; set; }
    public string? DeductionSchema { get; set; }
    public int Installments { get; set; }
    public TransactionDetails TransactionDetails { get; set; } = new();
    public List<FeeDetail> FeeDetails { get; set; } = [];
    public List<JsonObject> ChargesDetails { get; set; } = [];
    public bool Captured { get; set; }
    public bool BinaryMode { get; set; }
    public string? CallForAuthorizeId { get; set; }
    public string? StatementDescriptor { get; set; }
    [JsonConverter(typeof(EmptyObjectWhenNull<PaymentCard>))] public PaymentCard? Card { get; set; }
    public string? NotificationUrl { get; set; }
    public string? CallbackUrl { get; set; }
    public List<Refund> Refunds { get; set; } = [];
    public string ProcessingMode { get; set; } = "aggregator";
    public string? MerchantAccountId { get; set; }
    public string? MerchantNumber { get; set; }
    public List<JsonObject> AcquirerReconciliation { get; set; } = [];
    public PointOfInteraction PointOfInteraction { get; set; } = new();
    public decimal TaxesAmount { get; set; }
    public List<JsonObject> Taxes { get; set; } = [];
    public decimal ShippingAmount { get; set; }
    public string? CounterCurrency { get; set; }
    public string BuildVersion { get; set; } = PaymentRules.BuildVersion;
    public string? PosId { get; set; }
    public string? StoreId { get; set; }
    public long? CampaignId { get; set; }
    public string? CouponCode { get; set; }
    public decimal? NetAmount { get; set; }
    public string? PaymentMethodOptionId { get; set; }
    public ThreeDsInfo? ThreeDsInfo { get; set; }
    public JsonObject? InternalMetadata { get; set; }
}

/// <summary>A 3-D Secure challenge (the emulator runs none, so it is always null on the wire).</summary>
public sealed record ThreeDsInfo
{
    public string? ExternalResourceUrl { get; set; }
    public string? Creq { get; set; }
}

public sealed record PaymentMethodReference
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public string? IssuerId { get; set; }
    public JsonObject? Data { get; set; }
}

public sealed record PaymentPayer
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? OperatorId { get; set; }
    public string? Email { get; set; }
    public Identification Identification { get; set; } = new();
    public PayerPhone Phone { get; set; } = new();
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? EntityType { get; set; }
    public JsonObject? Address { get; set; }
    public string? AuthenticationType { get; set; }
    public bool? IsPrimeUser { get; set; }
    public bool? IsFirstPurchaseOnline { get; set; }
    public DateTimeOffset? RegistrationDate { get; set; }
    public DateTimeOffset? LastPurchase { get; set; }
}

public sealed record PayerPhone
{
    public string? AreaCode { get; set; }
    public string? Number { get; set; }
    public string? Extension { get; set; }
}

public sealed record TransactionDetails
{
    public string? PaymentMethodReferenceId { get; set; }
    public string? AcquirerReference { get; set; }
    public decimal NetReceivedAmount { get; set; }
    public decimal TotalPaidAmount { get; set; }
    public decimal OverpaidAmount { get; set; }
    public string? ExternalResourceUrl { get; set; }
    public decimal InstallmentAmount { get; set; }
    public string? FinancialInstitution { get; set; }
    public string? PayableDeferralPeriod { get; set; }
    public Barcode? Barcode { get; set; }
    public string? DigitableLine { get; set; }
    public string? TransactionId { get; set; }
    public string? VerificationCode { get; set; }
    public string? BankTransferId { get; set; }
}

public sealed record Barcode
{
    public string Content { get; set; } = "";
}

public sealed record FeeDetail
{
    public string Type { get; set; } = "";
    public decimal Amount { get; set; }
    public string FeePayer { get; set; } = "";
}

public sealed record PaymentCard
{
    public string? Id { get; set; }
    public string FirstSixDigits { get; set; } = "";
    public string LastFourDigits { get; set; } = "";
    public string Bin { get; set; } = "";
    public int ExpirationMonth { get; set; }
    public int ExpirationYear { get; set; }
    public DateTimeOffset DateCreated { get; set; }
    public DateTimeOffset DateLastUpdated { get; set; }
    public Cards.Cardholder Cardholder { get; set; } = new();
}

public sealed record PointOfInteraction
{
    public string Type { get; set; } = "UNSPECIFIED";
    public string? SubType { get; set; }
    public string? LinkedTo { get; set; }
    public ApplicationData ApplicationData { get; set; } = new();
    public BusinessInfo BusinessInfo { get; set; } = new();
    public TransactionData? TransactionData { get; set; }
}

public sealed record ApplicationData
{
    public string? Name { get; set; }
    public string? Version { get; set; }
}

public sealed record BusinessInfo
{
    public string Unit { get; set; } = "online_payments";
    public string SubUnit { get; set; } = "sdk";
    public string? Branch { get; set; }
}

public sealed record TransactionData
{
    public string? QrCode { get; set; }
    public string? QrCodeBase64 { get; set; }
    public string? TicketUrl { get; set; }
    public string? TransactionId { get; set; }
    public long? BankTransferId { get; set; }
    public long? FinancialInstitution { get; set; }
    public BankInfo BankInfo { get; set; } = new();
    public string? NetworkTransactionId { get; set; }
    public string? SubscriptionId { get; set; }
    public JsonObject? SubscriptionSequence { get; set; }
    public JsonObject? InvoicePeriod { get; set; }
    public string? BillingDate { get; set; }
}

/// <summary>The banks on each side of a transfer, unknown until the buyer pays.</summary>
public sealed record BankInfo
{
    public PayerBankAccount Payer { get; set; } = new();
    public BankAccount Collector { get; set; } = new();
    public string? IsSameBankAccountOwner { get; set; }
}

public sealed record PayerBankAccount
{
    public string? Email { get; set; }
    public long? AccountId { get; set; }
    public string? LongName { get; set; }
}

public sealed record BankAccount
{
    public long? AccountId { get; set; }
    public string? LongName { get; set; }
}

public sealed record Refund
{
    public long Id { get; set; }
    public long PaymentId { get; set; }
    public decimal Amount { get; set; }
    public decimal AmountRefundedToPayer { get; set; }
    public decimal AdjustmentAmount { get; set; }
    public JsonObject Metadata { get; set; } = [];
    public RefundSource Source { get; set; } = new();
    public DateTimeOffset DateCreated { get; set; }
    public string? UniqueSequenceNumber { get; set; }
    public string RefundMode { get; set; } = "standard";
    public string Status { get; set; } = "approved";
    public string? Reason { get; set; }
    public List<string> Labels { get; set; } = [];
    public List<JsonObject> PartitionDetails { get; set; } = [];
}

public sealed record RefundSource
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "collector";
}

/// <summary>Something that happened to a payment (created, a status change, a refund), kept for webhooks to deliver.</summary>
public sealed record PaymentEvent : IOwned
{
    public long Id { get; set; }
    public long OwnerId { get; set; }
    public long PaymentId { get; set; }
    public string Action { get; set; } = "";
    public string Status { get; set; } = "";
    public string StatusDetail { get; set; } = "";
    public DateTimeOffset Date { get; set; }
}

/// <summary>Writes <c>{}</c> for an absent object, as Mercado Pago does for <c>card</c> on non-card payments.</summary>
sealed class EmptyObjectWhenNull<T> : JsonConverter<T?> where T : class
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return doc.RootElement.ValueKind == JsonValueKind.Object && !doc.RootElement.EnumerateObject().Any()
            ? null
            : doc.RootElement.Deserialize<T>(options);
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
        else JsonSerializer.Serialize(writer, value, options);
    }
}
