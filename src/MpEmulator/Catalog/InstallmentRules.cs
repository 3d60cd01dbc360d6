using System.Globalization;
using MpEmulator.Infrastructure;

namespace MpEmulator.Catalog;

/// <summary>How a checkout's installment quote is made: which method a BIN or id names, and each payer cost in the
/// site's language and currency. Pure: the arithmetic is <see cref="SiteFinancing"/>, the same an approval charges.</summary>
public static class InstallmentRules
{
    /// <summary>How a site writes money and installments (<c>3 parcelas de R$ 35,46 (R$ 106,37)</c>).</summary>
    sealed record Wording(string Symbol, string Decimal, string Thousands, string One, string Many);

    static readonly Dictionary<string, Wording> Wordings = new()
    {
        ["MLA"] = new("$", ",", ".", "cuota", "cuotas"),
        ["MLB"] = new("R$", ",", ".", "parcela", "parcelas"),
        ["MLM"] = new("$", ".", ",", "mensualidad", "mensualidades"),
        ["MLC"] = new("$", ",", ".", "cuota", "cuotas"),
        ["MCO"] = new("$", ",", ".", "cuota", "cuotas"),
        ["MPE"] = new("S/", ".", ",", "cuota", "cuotas"),
        ["MLU"] = new("$", ",", ".", "cuota", "cuotas"),
    };

    /// <summary>The method a quote is for: the one named, else the one the BIN belongs to. Null when a BIN and an id
    /// disagree, which leaves nothing to quote.</summary>
    public static PaymentMethod? ResolveMethod(SiteCatalog site, string? paymentMethodId, string? bin)
    {
        if (paymentMethodId is null && bin is null) throw MpErrors.PaymentMethodOrBinRequired.Exception();
        PaymentMethod? byBin = null;
        if (bin is not null)
        {
            if (bin.Length is < 6 or > 8 || !bin.All(char.IsAsciiDigit)) throw MpErrors.InvalidBin.Exception();
            byBin = site.ResolveCard(bin)?.Method ?? throw MpErrors.BinNotFound.Exception();
        }
        if (paymentMethodId is null) return byBin;
        var named = site.Method(paymentMethodId) ?? throw MpErrors.UnknownPaymentMethod.Exception();
        return byBin is null || byBin.Id == named.Id ? named : null;
    }

    /// <summary>The issuers a quote lists: all of the method's, or only the one asked for.</summary>
    public static List<Issuer> IssuersOf(SiteCatalog site, PaymentMethod method, string? issuerId)
    {
        var issuers = site.Issuers.GetValueOrDefault(method.Id) ?? [];
        return issuerId is null ? issuers : issuers.Where(i => i.Id == issuerId).ToList();
    }

    /// <summary>The whole quote: an issuer asked for that the method does not have leaves nothing to quote.</summary>
    public static List<InstallmentOption> Quote(SiteCatalog site, PaymentMethod? method, string? issuerId, decimal amount)
    {
        if (method is null) return [];
        CheckLimits(amount, method);
        var issuers = IssuersOf(site, method, issuerId);
        return issuerId is not null && issuers.Count == 0 ? [] : QuoteEach(site, method, issuers, amount);
    }

    /// <summary>The quoted amount: required, a plain positive number (<c>106.37</c>).</summary>
    public static decimal ParseAmount(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) throw MpErrors.InstallmentsAmountRequired.Exception();
        return decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? amount
            : throw MpErrors.InvalidInstallmentsAmount.Exception();
    }

    /// <summary>A payment outside the method's limits would be refused, so there is nothing to quote for it either.</summary>
    public static decimal CheckLimits(decimal amount, PaymentMethod method) =>
        amount >= method.MinAllowedAmount && amount <= method.MaxAllowedAmount ? amount : throw MpErrors.InvalidInstallmentsAmount.Exception();

    /// <summary>One entry per issuer (methods without issuers, such as Pix, get one without), each with installments
    /// 1 to the method's maximum.</summary>
    static List<InstallmentOption> QuoteEach(SiteCatalog site, PaymentMethod method, IReadOnlyList<Issuer> issuers, decimal amount) =>
        (issuers.Count == 0 ? [null] : issuers.Cast<Issuer?>().ToList()).Select(issuer => new InstallmentOption
        {
            PaymentMethodId = method.Id,
            PaymentTypeId = method.PaymentTypeId,
            Issuer = issuer is null ? null : new InstallmentIssuer(issuer.Id, issuer.Name, issuer.SecureThumbnail, issuer.Thumbnail),
            ProcessingMode = issuer?.ProcessingMode ?? "aggregator",
            MerchantAccountId = issuer?.MerchantAccountId,
            PayerCosts = Enumerable.Range(1, site.MaxInstallments(method))
                .Select(n => Cost(site, method, issuer, site.Finance(method.PaymentTypeId, amount, n), amount)).ToList(),
        }).ToList();

    public static PayerCost Cost(SiteCatalog site, PaymentMethod method, Issuer? issuer, Financing f, decimal amount) => new()
    {
        Installments = f.Installments,
        InstallmentRate = f.Rate,
        Labels = f.Installments == 1 ? [Rates(f, amount), "recommended_installment"] : [Rates(f, amount)],
        InstallmentRateCollector = [f.Rate > 0 ? "MERCADOPAGO" : "THIRD_PARTY"],
        MinAllowedAmount = method.MinAllowedAmount,
        MaxAllowedAmount = method.MaxAllowedAmount,
        RecommendedMessage = RecommendedMessage(site, f),
        InstallmentAmount = f.InstallmentAmount,
        TotalAmount = f.TotalAmount,
        PaymentMethodOptionId = $"{site.SiteId}.{method.Id}.{issuer?.Id ?? "0"}.{f.Installments}",
    };

    /// <summary><c>3 parcelas de R$ 35,46 (R$ 106,37)</c>, <c>1 cuota de $ 100,00 ($ 100,00)</c>.</summary>
    public static string RecommendedMessage(SiteCatalog site, Financing f)
    {
        var w = Wordings.GetValueOrDefault(site.SiteId) ?? Wordings["MLB"];
        return $"{f.Installments} {(f.Installments == 1 ? w.One : w.Many)} de {Money(site, w, f.InstallmentAmount)} " +
               $"({Money(site, w, f.TotalAmount)})";
    }

    static string Money(SiteCatalog site, Wording w, decimal value)
    {
        var format = new NumberFormatInfo { NumberDecimalSeparator = w.Decimal, NumberGroupSeparator = w.Thousands };
        return $"{w.Symbol} {value.ToString("N" + site.Decimals, format)}";
    }

    /// <summary>The cost label Argentine regulation asks for (<c>CFT_x%|TEA_y%</c>): the yearly effective rate
    /// implied by paying the total in equal monthly installments. Without taxes, CFT equals TEA here.</summary>
    static string Rates(Financing f, decimal amount)
    {
        var monthly = f.Rate == 0 ? 0 : MonthlyRate((double)amount, (double)f.InstallmentAmount, f.Installments);
        var yearly = (decimal)(Math.Pow(1 + monthly, 12) - 1) * 100;
        var text = decimal.Round(yearly, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
        return $"CFT_{text}%|TEA_{text}%";
    }

    /// <summary>Solves <c>amount = installment × (1 − (1+i)^−n) / i</c> for <c>i</c> by bisection.</summary>
    static double MonthlyRate(double amount, double installment, int n)
    {
        double low = 0, high = 1;
        for (var k = 0; k < 60; k++)
        {
            var mid = (low + high) / 2;
            var present = installment * (1 - Math.Pow(1 + mid, -n)) / mid;
            if (present > amount) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }
}
