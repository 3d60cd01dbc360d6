namespace MpEmulator.Catalog;

/// <summary>What paying an amount in <c>Installments</c> costs: the site's rate (percent over the amount), the total the
/// payer pays and each installment, rounded to the currency's decimals.</summary>
public sealed record Financing(int Installments, decimal Rate, decimal TotalAmount, decimal InstallmentAmount);

/// <summary>The installment arithmetic of a site. The installments endpoint quotes it and an approved payment charges
/// it, so both answer the same numbers.</summary>
public static class SiteFinancing
{
    /// <summary>Credit cards go up to the site's rate table; debit, prepaid and every other method pay in one.</summary>
    public static int MaxInstallments(this SiteCatalog site, PaymentMethod method) =>
        method.PaymentTypeId == "credit_card" ? site.InstallmentRates.Count : 1;

    public static decimal Round(this SiteCatalog site, decimal amount) =>
        decimal.Round(amount, site.Decimals, MidpointRounding.AwayFromZero);

    /// <summary>Interest applies to credit cards only, from two installments on.</summary>
    public static Financing Finance(this SiteCatalog site, string paymentTypeId, decimal amount, int installments)
    {
        var rate = paymentTypeId == "credit_card" && installments > 1
            ? site.InstallmentRates.GetValueOrDefault(installments.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : 0;
        var total = site.Round(amount * (1 + rate / 100));
        return new Financing(installments, rate, total, site.Round(total / installments));
    }
}
