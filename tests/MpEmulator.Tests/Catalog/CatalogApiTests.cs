using System.Net;
using MpEmulator.Catalog;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Catalog;

public sealed class CatalogApiTests : IDisposable
{
    /// <summary>One registered seller per site: <c>TEST-...-{n}</c> with its site.</summary>
    static readonly Dictionary<string, string> TokenOf = Catalogs.Sites.Select((site, i) => (site, i))
        .ToDictionary(x => x.site, x => $"TEST-1234567890123456-031012-catalog-{700_000_001 + x.i}");

    readonly EmulatorApp app = EmulatorApp.With(TokenOf.Values.Select((token, i) => (token, i))
        .SelectMany(x => new[]
        {
            KeyValuePair.Create($"Sellers:{x.i}:AccessToken", (string?)x.token),
            KeyValuePair.Create($"Sellers:{x.i}:SiteId", (string?)Catalogs.Sites[x.i]),
        }).ToDictionary());

    readonly Catalogs catalogs = new();

    public static TheoryData<string> Sites => [.. Catalogs.Sites];

    [Theory, MemberData(nameof(Sites))]
    public async Task Every_site_returns_its_own_payment_methods_and_document_types(string site)
    {
        var api = app.Seller(TokenOf[site]);
        var methods = (await api.Get("/v1/payment_methods")).Is(HttpStatusCode.OK);
        var types = (await api.Get("/v1/identification_types")).Is(HttpStatusCode.OK);

        Assert.Equal(site, methods.Response.Headers.GetValues("x-site-id").Single());
        Assert.Equal(catalogs.For(site).PaymentMethods.Select(m => m.Id), methods.Json!.AsArray().Select(m => (string)m!["id"]!));
        Assert.Equal(catalogs.For(site).IdentificationTypes.Select(t => t.Id), types.Json!.AsArray().Select(t => (string)t!["id"]!));
    }

    [Theory]
    [InlineData("MLA", "1 cuota de $ 1.234,00 ($ 1.234,00)")]
    [InlineData("MLB", "1 parcela de R$ 1.234,00 (R$ 1.234,00)")]
    [InlineData("MLM", "1 mensualidad de $ 1,234.00 ($ 1,234.00)")]
    [InlineData("MLC", "1 cuota de $ 1.234 ($ 1.234)")]
    [InlineData("MCO", "1 cuota de $ 1.234,00 ($ 1.234,00)")]
    [InlineData("MPE", "1 cuota de S/ 1,234.00 (S/ 1,234.00)")]
    [InlineData("MLU", "1 cuota de $ 1.234,00 ($ 1.234,00)")]
    public async Task Installment_quotes_are_in_the_currency_of_the_seller_site(string site, string message)
    {
        var reply = (await app.Seller(TokenOf[site]).Get("/v1/payment_methods/installments?amount=1234&payment_method_id=visa"))
            .Is(HttpStatusCode.OK);
        var costs = reply.Json![0]!["payer_costs"]!.AsArray();
        Assert.Equal(message, (string)costs[0]!["recommended_message"]!);
        Assert.Equal(catalogs.For(site).InstallmentRates.Count, costs.Count);
    }

    [Fact]
    public async Task A_quote_by_bin_names_the_method_and_issuer_with_every_payer_cost_field()
    {
        var reply = (await app.Seller().Get("/v1/payment_methods/installments?amount=100&bin=503143")).Is(HttpStatusCode.OK);
        var option = reply.Json!.AsArray().Single()!;
        Assert.Equal(("master", "credit_card", "24"), ((string)option["payment_method_id"]!, (string)option["payment_type_id"]!,
            (string)option["issuer"]!["id"]!));
        var three = option["payer_costs"]![2]!;
        Assert.Equal(3, (int)three["installments"]!);
        Assert.Equal(6.37m, (decimal)three["installment_rate"]!);
        Assert.Equal(0m, (decimal)three["discount_rate"]!);
        Assert.Equal(35.46m, (decimal)three["installment_amount"]!);
        Assert.Equal(106.37m, (decimal)three["total_amount"]!);
        Assert.Equal("3 parcelas de R$ 35,46 (R$ 106,37)", (string)three["recommended_message"]!);
        Assert.Equal((0.5m, 60000m), ((decimal)three["min_allowed_amount"]!, (decimal)three["max_allowed_amount"]!));
        Assert.StartsWith("CFT_", (string)three["labels"]![0]!);
    }

    [Fact]
    public async Task A_debit_card_is_quoted_in_one_installment_only()
    {
        var reply = (await app.Seller().Get("/v1/payment_methods/installments?amount=100&payment_method_id=debvisa")).Is(HttpStatusCode.OK);
        var cost = reply.Json![0]!["payer_costs"]!.AsArray().Single()!;
        Assert.Equal((1, 100m), ((int)cost["installments"]!, (decimal)cost["total_amount"]!));
    }

    [Fact]
    public async Task An_approved_payment_charges_exactly_what_the_quote_said()
    {
        var api = app.Seller();
        var quote = (await api.Get("/v1/payment_methods/installments?amount=250.9&payment_method_id=master&issuer.id=24")).Is(HttpStatusCode.OK);
        var five = quote.Json![0]!["payer_costs"]![4]!;
        var payment = (await api.Post("/v1/payments", new
        {
            transaction_amount = 250.9m, token = await api.CardToken(), installments = 5, payment_method_id = "master",
            payer = new { email = "quote@testuser.com" },
        })).Is(HttpStatusCode.Created);

        Assert.Equal("approved", (string)payment["status"]!);
        Assert.Equal((decimal)five["total_amount"]!, (decimal)payment["transaction_details"]!["total_paid_amount"]!);
        Assert.Equal((decimal)five["installment_amount"]!, (decimal)payment["transaction_details"]!["installment_amount"]!);
    }

    [Theory]
    [InlineData("/v1/payment_methods/installments?payment_method_id=visa", "amount_required")]
    [InlineData("/v1/payment_methods/installments?amount=abc&payment_method_id=visa", "invalid_amount")]
    [InlineData("/v1/payment_methods/installments?amount=0.1&payment_method_id=visa", "invalid_amount")]
    [InlineData("/v1/payment_methods/installments?amount=100", "payment_method_required")]
    [InlineData("/v1/payment_methods/installments?amount=100&payment_method_id=nope", "invalid_payment_method_id")]
    [InlineData("/v1/payment_methods/installments?amount=100&bin=12ab56", "invalid_bin")]
    [InlineData("/v1/payment_methods/card_issuers", "payment_method_required")]
    [InlineData("/v1/payment_methods/card_issuers?payment_method_id=nope", "invalid_payment_method_id")]
    [InlineData("/v1/payment_methods/search?bins=12", "invalid_bin")]
    public async Task Bad_catalog_queries_get_the_error_envelope(string path, string code) =>
        (await app.Seller().Get(path)).IsError(400, code);

    [Fact]
    public async Task An_unknown_bin_is_code_10105() =>
        Assert.Equal("bin_not_found", (string)(await app.Seller().Get("/v1/payment_methods/installments?amount=100&bin=999999"))
            .IsError(400, 10105)["message"]!);

    [Fact]
    public async Task A_bin_of_another_method_or_an_issuer_the_method_lacks_quotes_nothing()
    {
        var api = app.Seller();
        Assert.Empty((await api.Get("/v1/payment_methods/installments?amount=100&bin=503143&payment_method_id=visa")).Is(HttpStatusCode.OK).Json!.AsArray());
        Assert.Empty((await api.Get("/v1/payment_methods/installments?amount=100&payment_method_id=visa&issuer_id=24")).Is(HttpStatusCode.OK).Json!.AsArray());
    }

    [Fact]
    public async Task Card_issuers_lists_the_issuers_of_the_method()
    {
        var reply = (await app.Seller().Get("/v1/payment_methods/card_issuers?payment_method_id=visa")).Is(HttpStatusCode.OK);
        var issuer = reply.Json!.AsArray().Single()!;
        Assert.Equal(("25", "Visa", "active"), ((string)issuer["id"]!, (string)issuer["name"]!, (string)issuer["status"]!));
        Assert.Equal("aggregator", (string)issuer["processing_mode"]!);
    }

    [Fact]
    public async Task Searching_by_bins_resolves_them_as_card_tokens_do_inside_a_paging_envelope()
    {
        var api = app.Seller();
        var found = (await api.Get($"/v1/payment_methods/search?bins={TestCards.MlbVisa[..6]},{TestCards.MlbElo[..6]}")).Is(HttpStatusCode.OK);
        Assert.Equal(2, (int)found["paging"]!["total"]!);
        Assert.Equal(["visa", "debelo"], found["results"]!.AsArray().Select(m => (string)m!["id"]!));

        var all = (await api.Get("/v1/payment_methods/search?limit=2&offset=1")).Is(HttpStatusCode.OK);
        Assert.Equal((13, 2, 1), ((int)all["paging"]!["total"]!, (int)all["paging"]!["limit"]!, (int)all["paging"]!["offset"]!));
        Assert.Equal(2, all["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task Browser_side_calls_may_use_a_public_key_instead_of_the_access_token()
    {
        var reply = await app.Seller().Send(HttpMethod.Get,
            "/v1/payment_methods/installments?amount=100&payment_method_id=visa&public_key=TEST-d551379e-56a7-44a8-aaa9-2b82cfb4402c", null, auth: false);
        Assert.Equal("1 parcela de R$ 100,00 (R$ 100,00)", (string)reply.Is(HttpStatusCode.OK).Json![0]!["payer_costs"]![0]!["recommended_message"]!);
    }

    public void Dispose() => app.Dispose();
}
