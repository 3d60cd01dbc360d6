using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.CardTokens;

public sealed class CardTokensTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task A_token_from_card_data_has_Mercado_Pagos_shape_and_hides_the_card_number()
    {
        var api = app.Seller();
        var now = app.Clock.GetUtcNow();
        var token = (await api.Post("/v1/card_tokens", Bodies.Card())).Is(HttpStatusCode.Created);

        Assert.Matches("^[0-9a-f]{32}$", (string)token["id"]!);
        Assert.Null(token["card_id"]);
        Assert.Equal("active", (string)token["status"]!);
        Assert.Equal("503143", (string)token["first_six_digits"]!);
        Assert.Equal("6351", (string)token["last_four_digits"]!);
        Assert.Equal(11, (int)token["expiration_month"]!);
        Assert.Equal(2030, (int)token["expiration_year"]!);
        Assert.Equal("APRO", (string)token["cardholder"]!["name"]!);
        Assert.Equal("CPF", (string)token["cardholder"]!["identification"]!["type"]!);
        Assert.Equal("12345678909", (string)token["cardholder"]!["identification"]!["number"]!);
        Assert.True((bool)token["luhn_validation"]!);
        Assert.False((bool)token["live_mode"]!);
        Assert.False((bool)token["require_esc"]!);
        Assert.Equal(16, (int)token["card_number_length"]!);
        Assert.Equal(3, (int)token["security_code_length"]!);
        Assert.Equal(MpJson.Format(now, TimeSpan.FromHours(-4)), (string)token["date_created"]!);
        Assert.Equal(MpJson.Format(now.AddDays(7), TimeSpan.FromHours(-4)), (string)token["date_due"]!);
    }

    [Fact]
    public async Task Numbers_sent_as_strings_and_card_data_sent_as_numbers_are_both_accepted()
    {
        var api = app.Seller();
        var strings = new JsonObject
        {
            ["card_number"] = TestCards.MlbVisa, ["security_code"] = "123", ["expiration_month"] = "11", ["expiration_year"] = "2030",
            ["cardholder"] = new JsonObject { ["name"] = "APRO", ["identification"] = new JsonObject { ["type"] = "CPF", ["number"] = "12345678909" } },
        };
        var fromStrings = (await api.Post("/v1/card_tokens", strings)).Is(HttpStatusCode.Created);
        Assert.Equal(11, (int)fromStrings["expiration_month"]!);
        Assert.Equal(2030, (int)fromStrings["expiration_year"]!);

        var numbers = new JsonObject
        {
            ["card_number"] = long.Parse(TestCards.MlbVisa), ["security_code"] = 123, ["expiration_month"] = 11, ["expiration_year"] = 2030,
            ["cardholder"] = new JsonObject { ["name"] = "APRO", ["identification"] = new JsonObject { ["type"] = "CPF", ["number"] = 12345678909 } },
        };
        var fromNumbers = (await api.Post("/v1/card_tokens", numbers)).Is(HttpStatusCode.Created);
        Assert.Equal("423564", (string)fromNumbers["first_six_digits"]!);
        Assert.Equal("12345678909", (string)fromNumbers["cardholder"]!["identification"]!["number"]!);
    }

    public static TheoryData<string, string?, string> BadFields() => new()
    {
        { "card_number", null, "205" },
        { "card_number", "", "205" },
        { "card_number", "5031433215406352", "E301" },
        { "card_number", "9999999999999995", "E301" },
        { "expiration_month", null, "208" },
        { "expiration_month", "13", "325" },
        { "expiration_month", "eleven", "325" },
        { "expiration_year", null, "209" },
        { "expiration_year", "2025", "326" },
        { "expiration_year", "next", "326" },
        { "security_code", null, "224" },
        { "security_code", "12", "E203" },
        { "security_code", "1234", "E203" },
        { "cardholder.name", null, "221" },
        { "cardholder.name", "", "221" },
        { "cardholder.identification.type", "DNI", "322" },
        { "cardholder.identification.number", "123", "324" },
        { "cardholder.identification.number", "abcdefghijk", "324" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Each_bad_field_is_refused_with_its_own_code(string field, string? value, string code)
    {
        var body = Bodies.Card();
        var path = field.Split('.');
        var parent = path[..^1].Aggregate(body, (o, name) => o[name]!.AsObject());
        if (value is null) parent.Remove(path[^1]);
        else parent[path[^1]] = value;

        (await app.Seller().Post("/v1/card_tokens", body)).IsError(400, code);
    }

    [Fact]
    public async Task Fields_of_the_wrong_JSON_type_get_the_fields_code_and_never_a_500()
    {
        var api = app.Seller();
        async Task Refused(string field, JsonNode value, string code)
        {
            var body = Bodies.Card();
            body[field] = value;
            (await api.Post("/v1/card_tokens", body)).IsError(400, code);
        }
        await Refused("card_number", new JsonObject(), "E301");
        await Refused("security_code", new JsonArray(), "E203");
        await Refused("expiration_month", true, "325");
        await Refused("expiration_year", 2030.5, "326");
        await Refused("cardholder", "APRO", "316");
    }

    [Fact]
    public async Task An_expired_card_is_refused_with_325_or_326_against_the_emulator_clock()
    {
        var api = app.Seller();
        var today = app.Clock.GetUtcNow();
        (await api.Post("/v1/card_tokens", Bodies.Card(month: today.Month, year: today.Year))).Is(HttpStatusCode.Created);
        var lastMonth = today.AddMonths(-1);
        (await api.Post("/v1/card_tokens", Bodies.Card(month: lastMonth.Month, year: lastMonth.Year)))
            .IsError(400, lastMonth.Year == today.Year ? "325" : "326");
        (await api.Post("/v1/card_tokens", Bodies.Card(month: 12, year: today.Year - 1))).IsError(400, "326");
    }

    [Theory]
    [InlineData(TestCards.MlbAmex, "1234", "amex")]
    [InlineData(TestCards.MlbVisa, "123", "visa")]
    [InlineData(TestCards.MlbElo, "123", "debelo")]
    public async Task The_security_code_length_follows_the_brand(string number, string code, string method)
    {
        var api = app.Seller();
        var token = (await api.Post("/v1/card_tokens", Bodies.Card(number, code))).Is(HttpStatusCode.Created);
        Assert.Equal(code.Length, (int)token["security_code_length"]!);
        var customer = await api.Customer();
        var card = (await api.Post($"/v1/customers/{customer}/cards", new { token = (string)token["id"]! })).Is(HttpStatusCode.Created);
        Assert.Equal(method, (string)card["payment_method"]!["id"]!);
    }

    [Fact]
    public async Task Every_published_test_card_of_every_site_is_accepted_and_saved_with_its_brand()
    {
        var settings = new Dictionary<string, string?>();
        var tokens = new Dictionary<string, string>();
        foreach (var (site, i) in MpEmulator.Catalog.Catalogs.Sites.Select((s, i) => (s, i)))
        {
            tokens[site] = $"TEST-1234567890123456-031012-{site.ToLowerInvariant()}-{900_000_000 + i}";
            settings[$"Sellers:{i}:AccessToken"] = tokens[site];
            settings[$"Sellers:{i}:SiteId"] = site;
        }
        using var sites = EmulatorApp.With(settings);
        foreach (var (site, number, method) in PublishedTestCards.All)
        {
            var api = sites.Seller(tokens[site]);
            var token = await api.Post("/v1/card_tokens", Bodies.Card(number, PublishedTestCards.SecurityCodeFor(number), docType: null, docNumber: null));
            Assert.True(token.Status == HttpStatusCode.Created, $"{site} {number}: {token.Body}");
            Assert.Equal(site, token.Response.Headers.GetValues("x-site-id").Single());
            var customer = await api.Customer($"{site}.{number}@example.com");
            var card = (await api.Post($"/v1/customers/{customer}/cards", new { token = (string)token["id"]! })).Is(HttpStatusCode.Created);
            Assert.True(method == (string)card["payment_method"]!["id"]!, $"{site} {number} resolved to {card["payment_method"]!["id"]}");
        }
    }

    [Fact]
    public async Task A_token_can_be_read_back_and_another_sellers_or_an_unknown_id_is_404()
    {
        var api = app.Seller();
        var created = (await api.Post("/v1/card_tokens", Bodies.Card())).Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        var read = (await api.Get($"/v1/card_tokens/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(created.Body, read.Body);

        (await api.Get("/v1/card_tokens/00000000000000000000000000000000")).IsError(404, "not_found");
        (await app.Seller().Get($"/v1/card_tokens/{id}")).IsError(404, "not_found");
    }

    [Fact]
    public async Task A_token_shows_used_once_saved_and_cannot_be_saved_again()
    {
        var api = app.Seller();
        var token = await api.CardToken();
        var customer = await api.Customer();
        (await api.Post($"/v1/customers/{customer}/cards", new { token })).Is(HttpStatusCode.Created);

        Assert.Equal("used", (string)(await api.Get($"/v1/card_tokens/{token}")).Is(HttpStatusCode.OK)["status"]!);
        var other = await api.Customer();
        (await api.Post($"/v1/customers/{other}/cards", new { token })).IsError(400, "121");
        (await api.Post($"/v1/customers/{customer}/cards", new { token })).IsError(400, "121");
    }

    [Fact]
    public async Task A_token_expires_seven_days_after_creation_and_can_no_longer_be_saved()
    {
        using var own = new EmulatorApp();
        var api = own.Seller();
        var customer = await api.Customer();
        var early = await api.CardToken();
        var late = await api.CardToken(number: TestCards.MlbVisa);

        own.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal("active", (string)(await api.Get($"/v1/card_tokens/{early}")).Is(HttpStatusCode.OK)["status"]!);
        (await api.Post($"/v1/customers/{customer}/cards", new { token = early })).Is(HttpStatusCode.Created);

        own.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("expired", (string)(await api.Get($"/v1/card_tokens/{late}")).Is(HttpStatusCode.OK)["status"]!);
        (await api.Post($"/v1/customers/{customer}/cards", new { token = late })).IsError(400, "121");
        Assert.Single((await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK).Json!.AsArray());
    }

    [Fact]
    public async Task A_saved_card_gives_a_token_from_its_id_and_security_code()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var card = (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken("OTHE") })).Is(HttpStatusCode.Created);
        var cardId = (string)card["id"]!;

        var token = (await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = "123", customer_id = customer }))
            .Is(HttpStatusCode.Created);
        Assert.Matches("^[0-9a-f]{32}$", (string)token["id"]!);
        Assert.Equal(cardId, (string)token["card_id"]!);
        Assert.Equal("active", (string)token["status"]!);
        Assert.Equal("503143", (string)token["first_six_digits"]!);
        Assert.Equal("6351", (string)token["last_four_digits"]!);
        Assert.Equal("OTHE", (string)token["cardholder"]!["name"]!);
        Assert.Equal(16, (int)token["card_number_length"]!);
        Assert.Equal(3, (int)token["security_code_length"]!);

        // Without customer_id too; saving such a token on its own customer finds the existing card.
        var again = (await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = "123" })).Is(HttpStatusCode.Created);
        var saved = (await api.Post($"/v1/customers/{customer}/cards", new { token = (string)again["id"]! })).Is(HttpStatusCode.OK);
        Assert.Equal(cardId, (string)saved["id"]!);
    }

    [Fact]
    public async Task A_saved_card_token_is_refused_for_a_wrong_security_code_an_unknown_card_or_another_customer()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var cardId = (string)(await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        var other = await api.Customer();

        (await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = "12" })).IsError(400, "E203");
        (await api.Post("/v1/card_tokens", new { card_id = "1234567890123", security_code = "123" })).IsError(404, "not_found");
        (await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = "123", customer_id = other })).IsError(404, "not_found");

        var token = (string)(await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = "123" })).Is(HttpStatusCode.Created)["id"]!;
        (await api.Post($"/v1/customers/{other}/cards", new { token })).IsError(400, "140");
    }

    [Fact]
    public async Task The_full_card_number_and_security_code_never_appear_in_a_response_or_in_storage()
    {
        var api = app.Seller();
        const string pan = "4235647728025682", cvv = "987";
        var bodies = new List<Reply>();
        var token = (await api.Post("/v1/card_tokens", Bodies.Card(pan, cvv))).Is(HttpStatusCode.Created);
        bodies.Add(token);
        var id = (string)token["id"]!;
        bodies.Add(await api.Get($"/v1/card_tokens/{id}"));
        var customer = await api.Customer();
        var card = (await api.Post($"/v1/customers/{customer}/cards", new { token = id })).Is(HttpStatusCode.Created);
        bodies.Add(card);
        var cardId = (string)card["id"]!;
        bodies.Add(await api.Get($"/v1/customers/{customer}/cards"));
        bodies.Add(await api.Get($"/v1/customers/{customer}/cards/{cardId}"));
        bodies.Add(await api.Get($"/v1/customers/{customer}"));
        bodies.Add(await api.Get($"/v1/customers/search?id={customer}"));
        bodies.Add(await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = cvv }));
        bodies.Add(await api.Delete($"/v1/customers/{customer}/cards/{cardId}"));

        foreach (var reply in bodies)
        {
            Assert.True((int)reply.Status < 300, reply.Body);
            Assert.DoesNotContain(pan, reply.Body);
            Assert.DoesNotContain(Leaves(reply.Json!), leaf => leaf == cvv);
        }

        var store = app.Services.GetRequiredService<Store>();
        foreach (var json in store.Stored())
        {
            Assert.DoesNotContain(pan, json);
            Assert.DoesNotContain($"\"{cvv}\"", json);
        }
    }

    static IEnumerable<string> Leaves(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Leaves(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Leaves(n)),
        _ => [node.ToString()],
    };

    [Fact]
    public async Task A_browser_with_a_public_key_and_a_server_with_an_access_token_can_both_make_tokens()
    {
        var api = app.Seller();
        var viaKey = await api.Send(HttpMethod.Post, "/v1/card_tokens?public_key=TEST-d551379e-56a7-44a8-aaa9-2b82cfb4402c", Bodies.Card(), auth: false);
        viaKey.Is(HttpStatusCode.Created);
        var viaHeader = new HttpRequestMessage(HttpMethod.Post, "/v1/card_tokens")
        {
            Content = new StringContent(Bodies.Card().ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        viaHeader.Headers.Add("X-Public-Key", "TEST-d551379e-56a7-44a8-aaa9-2b82cfb4402c");
        Assert.Equal(HttpStatusCode.Created, (await api.Http.SendAsync(viaHeader)).StatusCode);
        (await api.Post("/v1/card_tokens", Bodies.Card())).Is(HttpStatusCode.Created);
    }
}
