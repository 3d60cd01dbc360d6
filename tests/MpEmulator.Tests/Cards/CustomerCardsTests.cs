using System.Net;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Cards;

public sealed class CustomerCardsTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task Saving_a_token_returns_201_with_the_card_as_Mercado_Pago_shows_it()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var token = await api.CardToken("APRO");
        var card = (await api.Post($"/v1/customers/{customer}/cards", new { token })).Is(HttpStatusCode.Created);

        Assert.Matches("^[0-9]{13}$", (string)card["id"]!);
        Assert.Equal(customer, (string)card["customer_id"]!);
        Assert.Equal(11, (int)card["expiration_month"]!);
        Assert.Equal(2030, (int)card["expiration_year"]!);
        Assert.Equal("503143", (string)card["first_six_digits"]!);
        Assert.Equal("6351", (string)card["last_four_digits"]!);
        var method = card["payment_method"]!;
        Assert.Equal("master", (string)method["id"]!);
        Assert.Equal("Mastercard", (string)method["name"]!);
        Assert.Equal("credit_card", (string)method["payment_type_id"]!);
        Assert.StartsWith("http", (string)method["thumbnail"]!);
        Assert.StartsWith("https://", (string)method["secure_thumbnail"]!);
        Assert.Equal(3, (int)card["security_code"]!["length"]!);
        Assert.Equal("back", (string)card["security_code"]!["card_location"]!);
        Assert.Equal(24, (long)card["issuer"]!["id"]!);
        Assert.Equal("Mastercard", (string)card["issuer"]!["name"]!);
        Assert.Equal("APRO", (string)card["cardholder"]!["name"]!);
        Assert.Equal("CPF", (string)card["cardholder"]!["identification"]!["type"]!);
        Assert.Equal("12345678909", (string)card["cardholder"]!["identification"]!["number"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.String, card["user_id"]!.GetValueKind());
        Assert.Equal(api.UserId.ToString(), (string)card["user_id"]!);
        Assert.False((bool)card["live_mode"]!);
        Assert.Equal(MpJson.Format(app.Clock.GetUtcNow(), TimeSpan.FromHours(-4)), (string)card["date_created"]!);
    }

    [Fact]
    public async Task An_amex_card_keeps_its_four_digit_code_on_the_front_and_its_own_issuer()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var card = (await api.Post($"/v1/customers/{customer}/cards",
            new { token = await api.CardToken(number: TestCards.MlbAmex, securityCode: "1234") })).Is(HttpStatusCode.Created);
        Assert.Equal("amex", (string)card["payment_method"]!["id"]!);
        Assert.Equal(4, (int)card["security_code"]!["length"]!);
        Assert.Equal("front", (string)card["security_code"]!["card_location"]!);
        Assert.Equal("American Express", (string)card["issuer"]!["name"]!);
        Assert.Equal("6885", (string)card["last_four_digits"]!);
    }

    [Fact]
    public async Task The_first_card_becomes_the_default_and_the_customer_lists_every_card()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var first = (string)(await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        var second = (string)(await api.Post($"/v1/customers/{customer}/cards",
            new { token = await api.CardToken(number: TestCards.MlbVisa) })).Is(HttpStatusCode.Created)["id"]!;

        var read = (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
        Assert.Equal(first, (string)read["default_card"]!);
        Assert.Equal(new[] { first, second }.Order(), read["cards"]!.AsArray().Select(c => (string)c!["id"]!).Order());
        Assert.Equal(new[] { first, second }.Order(),
            (await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK).Json!.AsArray().Select(c => (string)c!["id"]!).Order());
    }

    [Fact]
    public async Task The_card_list_is_a_bare_JSON_array()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var empty = (await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK);
        Assert.Equal("[]", empty.Body);

        await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() });
        var list = (await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK);
        var card = Assert.Single(list.Json!.AsArray());
        Assert.Equal("6351", (string)card!["last_four_digits"]!);
    }

    [Fact]
    public async Task One_card_can_be_read_by_id_and_an_unknown_card_is_404()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var created = (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;

        var read = (await api.Get($"/v1/customers/{customer}/cards/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(created.Body, read.Body);
        (await api.Get($"/v1/customers/{customer}/cards/1234567890123")).IsError(404, "not_found");
        var other = await api.Customer();
        (await api.Get($"/v1/customers/{other}/cards/{id}")).IsError(404, "not_found");
    }

    [Fact]
    public async Task The_same_card_saved_twice_returns_the_existing_card_with_200_and_no_duplicate()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var first = (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken("APRO") })).Is(HttpStatusCode.Created);
        var again = (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken("OTHE") })).Is(HttpStatusCode.OK);

        Assert.Equal((string)first["id"]!, (string)again["id"]!);
        Assert.Single((await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK).Json!.AsArray());
        Assert.Single((await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK)["cards"]!.AsArray());
    }

    [Fact]
    public async Task The_same_card_number_on_another_customer_is_a_card_of_its_own()
    {
        var api = app.Seller();
        var one = await api.Customer();
        var two = await api.Customer();
        var a = (string)(await api.Post($"/v1/customers/{one}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        var b = (string)(await api.Post($"/v1/customers/{two}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        Assert.NotEqual(a, b);
        Assert.Equal(two, (string)(await api.Get($"/v1/customers/{two}/cards/{b}")).Is(HttpStatusCode.OK)["customer_id"]!);
    }

    [Fact]
    public async Task A_used_or_unknown_token_cannot_be_saved()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var token = await api.CardToken();
        (await api.Post($"/v1/customers/{customer}/cards", new { token })).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/customers/{customer}/cards", new { token })).IsError(400, "121");
        (await api.Post($"/v1/customers/{customer}/cards", new { token = "ffffffffffffffffffffffffffffffff" })).IsError(400, "121");
    }

    [Fact]
    public async Task A_missing_token_is_119_and_a_token_of_the_wrong_type_is_121()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        (await api.Post($"/v1/customers/{customer}/cards", new { })).IsError(400, "119");
        (await api.Post($"/v1/customers/{customer}/cards", new { token = (string?)null })).IsError(400, "119");
        (await api.Post($"/v1/customers/{customer}/cards", new { token = 12345 })).IsError(400, "121");
        (await api.Post($"/v1/customers/{customer}/cards", "[]")).IsError(400, "118");
        Assert.Empty((await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK).Json!.AsArray());
    }

    [Fact]
    public async Task A_payment_method_that_does_not_match_the_token_is_127_and_a_matching_one_is_fine()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var token = await api.CardToken();
        (await api.Post($"/v1/customers/{customer}/cards", new { token, payment_method_id = "visa" })).IsError(400, "127");
        var card = (await api.Post($"/v1/customers/{customer}/cards", new { token, payment_method_id = "master", issuer_id = "24" }))
            .Is(HttpStatusCode.Created);
        Assert.Equal("master", (string)card["payment_method"]!["id"]!);
    }

    [Fact]
    public async Task A_customer_holds_at_most_25_cards_and_the_26th_is_129()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        for (var i = 0; i < 26; i++)
        {
            var reply = await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken(number: Luhn($"50314332{i:D7}")) });
            if (i < 25) reply.Is(HttpStatusCode.Created);
            else reply.IsError(400, "129");
        }
        Assert.Equal(25, (await api.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK).Json!.AsArray().Count);
    }

    /// <summary>The 15 digits given, plus the check digit that makes them pass Luhn's test.</summary>
    static string Luhn(string digits)
    {
        var sum = digits.Reverse().Select((c, i) => (c - '0') * (i % 2 == 0 ? 2 : 1)).Sum(d => d > 9 ? d - 9 : d);
        return digits + (10 - sum % 10) % 10;
    }

    [Fact]
    public async Task The_seed_guides_card_save_with_a_card_type_for_payment_method_id_saves_the_card()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var card = (await api.Post($"/v1/customers/{customer}/cards",
            new { token = await api.CardToken(), issuer_id = "3245612", payment_method_id = "debit_card" })).Is(HttpStatusCode.Created);
        Assert.Equal("master", (string)card["payment_method"]!["id"]!);
        Assert.Equal("credit_card", (string)card["payment_method"]!["payment_type_id"]!);
        (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken(), payment_method_id = "pix" })).IsError(400, "127");
    }

    [Fact]
    public async Task Cards_of_an_unknown_or_deleted_customer_are_404()
    {
        var api = app.Seller();
        var unknown = $"{api.UserId}-AAAAAAAAAAAAAA";
        var token = await api.CardToken();
        (await api.Post($"/v1/customers/{unknown}/cards", new { token })).IsError(404, "not_found");
        (await api.Get($"/v1/customers/{unknown}/cards")).IsError(404, "not_found");

        // The refused save did not use the token up.
        var customer = await api.Customer();
        (await api.Post($"/v1/customers/{customer}/cards", new { token })).Is(HttpStatusCode.Created);
        (await api.Delete($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
        (await api.Get($"/v1/customers/{customer}/cards")).IsError(404, "not_found");
        (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken(number: TestCards.MlbVisa) })).IsError(404, "not_found");
    }

    [Fact]
    public async Task Deleting_the_default_card_makes_another_card_the_default_and_the_last_one_leaves_none()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var first = (string)(await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        var second = (string)(await api.Post($"/v1/customers/{customer}/cards",
            new { token = await api.CardToken(number: TestCards.MlbVisa) })).Is(HttpStatusCode.Created)["id"]!;

        var deleted = (await api.Delete($"/v1/customers/{customer}/cards/{first}")).Is(HttpStatusCode.OK);
        Assert.Equal(first, (string)deleted["id"]!);
        Assert.Equal(customer, (string)deleted["customer_id"]!);
        var after = (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
        Assert.Equal(second, (string)after["default_card"]!);
        Assert.Equal(second, (string)Assert.Single(after["cards"]!.AsArray())!["id"]!);
        (await api.Get($"/v1/customers/{customer}/cards/{first}")).IsError(404, "not_found");
        (await api.Delete($"/v1/customers/{customer}/cards/{first}")).IsError(404, "not_found");

        (await api.Delete($"/v1/customers/{customer}/cards/{second}")).Is(HttpStatusCode.OK);
        var empty = (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
        Assert.Null(empty["default_card"]);
        Assert.Empty(empty["cards"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_a_card_that_is_not_the_default_keeps_the_default()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var first = (string)(await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        var second = (string)(await api.Post($"/v1/customers/{customer}/cards",
            new { token = await api.CardToken(number: TestCards.MlbVisa) })).Is(HttpStatusCode.Created)["id"]!;
        (await api.Delete($"/v1/customers/{customer}/cards/{second}")).Is(HttpStatusCode.OK);
        Assert.Equal(first, (string)(await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK)["default_card"]!);
    }

    [Fact]
    public async Task A_new_card_after_the_last_was_deleted_becomes_the_default()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var first = (string)(await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        (await api.Delete($"/v1/customers/{customer}/cards/{first}")).Is(HttpStatusCode.OK);
        var next = (string)(await api.Post($"/v1/customers/{customer}/cards",
            new { token = await api.CardToken(number: TestCards.MlbVisa) })).Is(HttpStatusCode.Created)["id"]!;
        Assert.Equal(next, (string)(await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK)["default_card"]!);
    }

    [Fact]
    public async Task Updating_a_card_changes_its_expiration_and_cardholder_and_keeps_the_rest()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var created = (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;

        var updated = (await api.Put($"/v1/customers/{customer}/cards/{id}", new
        {
            expiration_month = 6, expiration_year = "2031",
            cardholder = new { name = "Ana Silva", identification = new { type = "CNPJ", number = "12345678000190" } },
        })).Is(HttpStatusCode.OK);
        Assert.Equal(6, (int)updated["expiration_month"]!);
        Assert.Equal(2031, (int)updated["expiration_year"]!);
        Assert.Equal("Ana Silva", (string)updated["cardholder"]!["name"]!);
        Assert.Equal("CNPJ", (string)updated["cardholder"]!["identification"]!["type"]!);
        Assert.Equal("12345678000190", (string)updated["cardholder"]!["identification"]!["number"]!);
        Assert.Equal("6351", (string)updated["last_four_digits"]!);
        Assert.Equal("master", (string)updated["payment_method"]!["id"]!);

        var name = (await api.Put($"/v1/customers/{customer}/cards/{id}", new { cardholder = new { name = "ANA" } })).Is(HttpStatusCode.OK);
        Assert.Equal("ANA", (string)name["cardholder"]!["name"]!);
        Assert.Equal(6, (int)name["expiration_month"]!);
        Assert.Equal("CNPJ", (string)name["cardholder"]!["identification"]!["type"]!);

        var read = (await api.Get($"/v1/customers/{customer}/cards/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(name.Body, read.Body);
    }

    [Theory]
    [InlineData("{\"expiration_month\":13}", "122")]
    [InlineData("{\"expiration_month\":0}", "122")]
    [InlineData("{\"expiration_year\":99}", "122")]
    [InlineData("{\"expiration_month\":\"june\"}", "122")]
    [InlineData("{\"cardholder\":\"ANA\"}", "103")]
    [InlineData("{\"cardholder\":{\"name\":5}}", "122")]
    public async Task A_card_update_with_bad_data_is_refused_and_changes_nothing(string body, string code)
    {
        var api = app.Seller();
        var customer = await api.Customer();
        var created = (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        (await api.Put($"/v1/customers/{customer}/cards/{id}", body)).IsError(400, code);
        Assert.Equal(created.Body, (await api.Get($"/v1/customers/{customer}/cards/{id}")).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Cards_are_reachable_with_a_trailing_slash()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        (await api.Post($"/v1/customers/{customer}/cards/", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        Assert.Single((await api.Get($"/v1/customers/{customer}/cards/")).Is(HttpStatusCode.OK).Json!.AsArray());
    }
}
