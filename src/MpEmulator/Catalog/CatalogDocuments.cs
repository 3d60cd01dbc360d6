using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace MpEmulator.Catalog;

/// <summary>What a site offers: currency, documents, payment methods and their BIN rules, issuers, instalment rates.
/// Read from <c>Catalog/Data/{site}.json</c>; the single source for both the catalog endpoints and the card rules.</summary>
public sealed record SiteCatalog
{
    public string SiteId { get; init; } = "";
    public string CurrencyId { get; init; } = "";
    public int Decimals { get; init; }
    public int? AuthorizationDays { get; init; }
    public int RefundDays { get; init; }
    public bool PartialRefunds { get; init; }
    public List<IdentificationType> IdentificationTypes { get; init; } = [];
    public List<PaymentMethod> PaymentMethods { get; init; } = [];
    public Dictionary<string, List<Issuer>> Issuers { get; init; } = [];
    public Dictionary<string, decimal> InstallmentRates { get; init; } = [];
    /// <summary>Mercado Pago's published test cards for the site, used by fixtures and generated data.</summary>
    public List<TestCard> TestCards { get; init; } = [];

    public PaymentMethod? Method(string id) => PaymentMethods.FirstOrDefault(m => m.Id == id);

    public Issuer? DefaultIssuer(string paymentMethodId) =>
        Issuers.TryGetValue(paymentMethodId, out var issuers) ? issuers.FirstOrDefault() : null;

    /// <summary>The card method a number belongs to: a method's exclusion pattern is tested before its pattern,
    /// so a debit BIN inside a credit brand's range resolves to the debit method.</summary>
    public (PaymentMethod Method, PaymentMethodSetting Setting)? ResolveCard(string number)
    {
        foreach (var method in PaymentMethods)
            foreach (var setting in method.Settings)
                if (setting.Bin.Matches(number)) return (method, setting);
        return null;
    }
}

public sealed record PaymentMethod
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string PaymentTypeId { get; init; } = "";
    public string Status { get; init; } = "active";
    public string? SecureThumbnail { get; init; }
    public string? Thumbnail { get; init; }
    public string DeferredCapture { get; init; } = "does_not_apply";
    public List<PaymentMethodSetting> Settings { get; init; } = [];
    public List<string> AdditionalInfoNeeded { get; init; } = [];
    public decimal MinAllowedAmount { get; init; }
    public decimal MaxAllowedAmount { get; init; }
    public int AccreditationTime { get; init; }
    public JsonArray FinancialInstitutions { get; init; } = [];
    public List<string> ProcessingModes { get; init; } = [];

    [JsonIgnore] public bool IsCard => PaymentTypeId is "credit_card" or "debit_card" or "prepaid_card";
}

public sealed record PaymentMethodSetting
{
    public CardNumberSetting CardNumber { get; init; } = new();
    public BinSetting Bin { get; init; } = new();
    public SecurityCodeSetting SecurityCode { get; init; } = new();
}

public sealed record CardNumberSetting
{
    public int Length { get; init; }
    public string Validation { get; init; } = "standard";
}

public sealed record BinSetting
{
    public string Pattern { get; init; } = "";
    public string? InstallmentsPattern { get; init; }
    public string? ExclusionPattern { get; init; }

    Regex? pattern, exclusion;

    public bool Matches(string number)
    {
        pattern ??= new Regex(Pattern, RegexOptions.Compiled);
        exclusion ??= string.IsNullOrEmpty(ExclusionPattern) ? null : new Regex(ExclusionPattern, RegexOptions.Compiled);
        return exclusion?.IsMatch(number) != true && pattern.IsMatch(number);
    }
}

public sealed record SecurityCodeSetting
{
    public int Length { get; init; }
    public string CardLocation { get; init; } = "back";
    public string Mode { get; init; } = "mandatory";
}

public sealed record Issuer
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? SecureThumbnail { get; init; }
    public string? Thumbnail { get; init; }
    public string ProcessingMode { get; init; } = "aggregator";
    public string? MerchantAccountId { get; init; }
    public string Status { get; init; } = "active";
}

public sealed record IdentificationType
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Type { get; init; } = "number";
    public int MinLength { get; init; }
    public int MaxLength { get; init; }
}

public sealed record TestCard
{
    public string PaymentMethodId { get; init; } = "";
    public string Number { get; init; } = "";
    public string SecurityCode { get; init; } = "";
    public int ExpirationMonth { get; init; }
    public int ExpirationYear { get; init; }
}
