using MpEmulator.Catalog;

namespace MpEmulator.Tests.Catalog;

public sealed class InstallmentRulesTests
{
    static readonly Catalogs Catalogs = new();

    [Theory]
    [InlineData("MLB", "3 parcelas de R$ 35,46 (R$ 106,37)")]
    [InlineData("MLA", "3 cuotas de $ 35,46 ($ 106,37)")]
    [InlineData("MPE", "3 cuotas de S/ 35.46 (S/ 106.37)")]
    [InlineData("MLM", "3 mensualidades de $ 35.46 ($ 106.37)")]
    public void The_recommended_message_speaks_the_site_language_and_currency(string site, string expected) =>
        Assert.Equal(expected, InstallmentRules.RecommendedMessage(Catalogs.For(site), new Financing(3, 6.37m, 106.37m, 35.46m)));

    [Fact]
    public void One_installment_is_singular_and_pesos_without_decimals_have_none() =>
        Assert.Equal("1 cuota de $ 12.345 ($ 12.345)", InstallmentRules.RecommendedMessage(Catalogs.For("MLC"), new Financing(1, 0, 12345, 12345)));

    [Fact]
    public void Financing_adds_the_site_rate_and_splits_the_total_in_the_currency()
    {
        var f = Catalogs.For("MLB").Finance("credit_card", 100m, 3);
        Assert.Equal(new Financing(3, 6.37m, 106.37m, 35.46m), f);
    }

    [Theory, InlineData("debit_card"), InlineData("account_money")]
    public void Only_credit_cards_pay_interest(string paymentType) =>
        Assert.Equal(new Financing(3, 0, 100m, 33.33m), Catalogs.For("MLB").Finance(paymentType, 100m, 3));

    [Fact]
    public void A_debit_card_is_quoted_in_one_installment_and_a_credit_card_in_every_one_of_the_table()
    {
        var site = Catalogs.For("MLB");
        var debit = InstallmentRules.Quote(site, site.Method("debvisa"), null, 100m);
        var credit = InstallmentRules.Quote(site, site.Method("visa"), null, 100m);
        Assert.Equal([1], debit.Single().PayerCosts.Select(c => c.Installments));
        Assert.Equal(Enumerable.Range(1, 12), credit.Single().PayerCosts.Select(c => c.Installments));
        Assert.All(credit.Single().PayerCosts, c => Assert.Equal(0, c.DiscountRate));
    }

    [Fact]
    public void A_bin_resolves_its_method_and_disagreeing_with_the_named_one_leaves_nothing_to_quote()
    {
        var site = Catalogs.For("MLB");
        Assert.Equal("master", InstallmentRules.ResolveMethod(site, null, "503143")!.Id);
        Assert.Null(InstallmentRules.ResolveMethod(site, "visa", "503143"));
    }
}
