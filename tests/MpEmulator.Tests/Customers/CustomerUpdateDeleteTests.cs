using System.Net;
using System.Text.Json.Nodes;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Customers;

public sealed class CustomerUpdateDeleteTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static readonly object FullCustomer = new
    {
        email = "full@example.com", first_name = "Ana", last_name = "Silva",
        phone = new { area_code = "11", number = "987654321" },
        identification = new { type = "CPF", number = "12345678909" },
        address = new { id = "123", zip_code = "01310-100", street_name = "Av. Paulista", street_number = 1000 },
        default_address = "Home", description = "first description",
        date_registered = "2026-01-05T10:00:00.000-04:00", metadata = new { source = "tests" },
    };

    // Creating.

    [Fact]
    public async Task A_customer_created_with_every_field_returns_them_all()
    {
        var api = app.Seller();
        var c = (await api.Post("/v1/customers", FullCustomer)).Is(HttpStatusCode.Created);
        Assert.Equal("Ana", (string)c["first_name"]!);
        Assert.Equal("Silva", (string)c["last_name"]!);
        Assert.Equal("11", (string)c["phone"]!["area_code"]!);
        Assert.Equal("987654321", (string)c["phone"]!["number"]!);
        Assert.Equal("CPF", (string)c["identification"]!["type"]!);
        Assert.Equal("12345678909", (string)c["identification"]!["number"]!);
        Assert.Equal("123", (string)c["address"]!["id"]!);
        Assert.Equal("01310-100", (string)c["address"]!["zip_code"]!);
        Assert.Equal("Av. Paulista", (string)c["address"]!["street_name"]!);
        Assert.Equal(1000, (int)c["address"]!["street_number"]!);
        Assert.Equal("Home", (string)c["default_address"]!);
        Assert.Equal("first description", (string)c["description"]!);
        Assert.Equal("2026-01-05T10:00:00.000-04:00", (string)c["date_registered"]!);
        Assert.Equal("tests", (string)c["metadata"]!["source"]!);
        Assert.Null(c["default_card"]);
        Assert.Equal(c.Body, (await api.Get($"/v1/customers/{(string)c["id"]!}")).Is(HttpStatusCode.OK).Body);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"first_name\":\"Ana\"}")]
    [InlineData("{\"email\":null}")]
    [InlineData("{\"email\":\"\"}")]
    [InlineData("{\"email\":\"not-an-email\"}")]
    [InlineData("{\"email\":\"two@at@example.com\"}")]
    [InlineData("{\"email\":\"spaces in@example.com\"}")]
    [InlineData("{\"email\":\"nodot@example\"}")]
    [InlineData("{\"email\":42}")]
    public async Task Creating_without_a_valid_email_is_refused_with_106(string body) =>
        (await app.Seller().Post("/v1/customers", body)).IsError(400, "106");

    [Fact]
    public async Task An_email_over_254_characters_is_refused_with_106() =>
        (await app.Seller().Post("/v1/customers", new { email = new string('a', 250) + "@example.com" })).IsError(400, "106");

    /// <summary>The official Node SDK's own end-to-end suite creates customers with <c>"default_card": "None"</c> and
    /// expects a 201: a new customer has no cards, so the field is ignored rather than refused.</summary>
    [Fact]
    public async Task Creating_with_a_default_card_ignores_it_since_a_new_customer_has_no_cards()
    {
        var reply = (await app.Seller().Post("/v1/customers", new { email = "dc@example.com", default_card = "None" })).Is(System.Net.HttpStatusCode.Created);
        Assert.Null(reply["default_card"]);
    }

    // Reading.

    [Fact]
    public async Task An_unknown_customer_is_a_404_envelope()
    {
        var api = app.Seller();
        (await api.Get($"/v1/customers/{api.UserId}-AAAAAAAAAAAAAA")).IsError(404, "not_found");
        (await api.Put($"/v1/customers/{api.UserId}-AAAAAAAAAAAAAA", new { first_name = "X" })).IsError(404, "not_found");
        (await api.Delete($"/v1/customers/{api.UserId}-AAAAAAAAAAAAAA")).IsError(404, "not_found");
    }

    // Updating.

    [Fact]
    public async Task A_put_changes_only_the_fields_it_sends()
    {
        var api = app.Seller();
        var created = (await api.Post("/v1/customers", FullCustomer)).Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;

        var updated = (await api.Put($"/v1/customers/{id}", new { first_name = "Beatriz" })).Is(HttpStatusCode.OK);
        Assert.Equal("Beatriz", (string)updated["first_name"]!);
        var expected = created.Json!.DeepClone().AsObject();
        expected["first_name"] = "Beatriz";
        expected["date_last_updated"] = updated["date_last_updated"]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(expected, updated.Json), $"{expected.ToJsonString()}\n{updated.Body}");
        Assert.Equal(updated.Body, (await api.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task A_put_updates_each_listed_field()
    {
        var api = app.Seller();
        var id = (string)(await api.Post("/v1/customers", FullCustomer)).Is(HttpStatusCode.Created)["id"]!;

        var c = (await api.Put($"/v1/customers/{id}", new
        {
            last_name = "Souza", description = "second description", default_address = "Work",
            phone = new { area_code = "21", number = "912345678" },
            identification = new { type = "CNPJ", number = "12345678000190" },
            address = new { zip_code = "20040-020" },
        })).Is(HttpStatusCode.OK);

        Assert.Equal("Souza", (string)c["last_name"]!);
        Assert.Equal("second description", (string)c["description"]!);
        Assert.Equal("Work", (string)c["default_address"]!);
        Assert.Equal("21", (string)c["phone"]!["area_code"]!);
        Assert.Equal("912345678", (string)c["phone"]!["number"]!);
        Assert.Equal("CNPJ", (string)c["identification"]!["type"]!);
        Assert.Equal("12345678000190", (string)c["identification"]!["number"]!);
        Assert.Equal("20040-020", (string)c["address"]!["zip_code"]!);
        Assert.Equal("Av. Paulista", (string)c["address"]!["street_name"]!);
        Assert.Equal(1000, (int)c["address"]!["street_number"]!);
        Assert.Equal("Ana", (string)c["first_name"]!);
        Assert.Equal(c.Body, (await api.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Phone_and_document_numbers_sent_as_JSON_numbers_come_back_as_strings()
    {
        var api = app.Seller();
        var id = await api.Customer();
        var c = (await api.Put($"/v1/customers/{id}", new
        {
            phone = new { area_code = 11, number = 987654321 }, identification = new { type = "CPF", number = 12345678909 },
        })).Is(HttpStatusCode.OK);
        Assert.Equal("11", (string)c["phone"]!["area_code"]!);
        Assert.Equal("12345678909", (string)c["identification"]!["number"]!);
    }

    [Fact]
    public async Task The_email_can_be_changed_and_the_old_one_is_free_again()
    {
        var api = app.Seller();
        var id = await api.Customer("old@example.com");
        var c = (await api.Put($"/v1/customers/{id}", new { email = "new@example.com" })).Is(HttpStatusCode.OK);
        Assert.Equal("new@example.com", (string)c["email"]!);

        var search = (await api.Get("/v1/customers/search?email=new@example.com")).Is(HttpStatusCode.OK);
        Assert.Equal(id, (string)search["results"]![0]!["id"]!);
        Assert.Equal(0, (int)(await api.Get("/v1/customers/search?email=old@example.com")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
        (await api.Post("/v1/customers", new { email = "old@example.com" })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Changing_the_email_to_another_customers_is_101_and_to_an_invalid_one_106()
    {
        var api = app.Seller();
        await api.Customer("taken@example.com");
        var id = await api.Customer("mine@example.com");
        (await api.Put($"/v1/customers/{id}", new { email = "TAKEN@example.com" })).IsError(400, "101");
        (await api.Put($"/v1/customers/{id}", new { email = "nope" })).IsError(400, "106");
        (await api.Put($"/v1/customers/{id}", new { email = "MINE@example.com" })).Is(HttpStatusCode.OK);
        Assert.Equal("MINE@example.com", (string)(await api.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK)["email"]!);
    }

    [Fact]
    public async Task Default_card_can_name_one_of_the_customers_cards_and_nothing_else()
    {
        var api = app.Seller();
        var id = await api.Customer();
        var first = (string)(await api.Post($"/v1/customers/{id}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        var second = (string)(await api.Post($"/v1/customers/{id}/cards",
            new { token = await api.CardToken(number: TestCards.MlbVisa) })).Is(HttpStatusCode.Created)["id"]!;

        var c = (await api.Put($"/v1/customers/{id}", new { default_card = second })).Is(HttpStatusCode.OK);
        Assert.Equal(second, (string)c["default_card"]!);
        Assert.Equal(2, c["cards"]!.AsArray().Count);

        (await api.Put($"/v1/customers/{id}", new { default_card = "1234567890123" })).IsError(400, "120");
        var other = await api.Customer();
        var foreign = (string)(await api.Post($"/v1/customers/{other}/cards",
            new { token = await api.CardToken(number: TestCards.MlbAmex, securityCode: "1234") })).Is(HttpStatusCode.Created)["id"]!;
        (await api.Put($"/v1/customers/{id}", new { default_card = foreign })).IsError(400, "120");
        Assert.Equal(second, (string)(await api.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK)["default_card"]!);
        Assert.NotEqual(first, second);
    }

    /// <summary>Every SDK example of the seed guide's customer update sends <c>"default_card": "None"</c> next to the
    /// fields it changes, and the guide shows the update succeeding: our choice is that it leaves the default as is.</summary>
    [Fact]
    public async Task The_seed_guides_default_card_None_on_update_changes_the_other_fields_and_keeps_the_default()
    {
        var api = app.Seller();
        var id = await api.Customer();
        var card = (string)(await api.Post($"/v1/customers/{id}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        var c = (await api.Put($"/v1/customers/{id}", new { default_card = "None", first_name = "Jhon", description = "Description del user" }))
            .Is(HttpStatusCode.OK);
        Assert.Equal("Jhon", (string)c["first_name"]!);
        Assert.Equal(card, (string)c["default_card"]!);
    }

    public static TheoryData<string, string> WrongTypes() => new()
    {
        { "{\"email\":true}", "106" },
        { "{\"first_name\":5}", "107" },
        { "{\"last_name\":[\"Silva\"]}", "108" },
        { "{\"phone\":\"11 98765\"}", "103" },
        { "{\"phone\":{\"area_code\":{}}}", "109" },
        { "{\"phone\":{\"number\":false}}", "110" },
        { "{\"identification\":[]}", "103" },
        { "{\"identification\":{\"type\":1}}", "111" },
        { "{\"identification\":{\"number\":{}}}", "112" },
        { "{\"address\":\"Av. Paulista\"}", "103" },
        { "{\"address\":{\"zip_code\":true}}", "113" },
        { "{\"address\":{\"street_name\":7}}", "114" },
        { "{\"date_registered\":\"yesterday\"}", "115" },
        { "{\"date_registered\":20260101}", "115" },
        { "{\"description\":12}", "116" },
        { "{\"metadata\":\"x\"}", "117" },
        { "{\"default_card\":{}}", "120" },
        { "[]", "118" },
        { "\"a string\"", "118" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_put_with_a_field_of_the_wrong_type_gets_that_fields_code_and_changes_nothing(string body, string code)
    {
        var api = app.Seller();
        var before = (await api.Post("/v1/customers", FullCustomer)).Is(HttpStatusCode.Created);
        var id = (string)before["id"]!;
        (await api.Put($"/v1/customers/{id}", body)).IsError(400, code);
        Assert.Equal(before.Body, (await api.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Names_and_descriptions_that_are_too_long_are_refused_with_104()
    {
        var api = app.Seller();
        var id = await api.Customer();
        (await api.Put($"/v1/customers/{id}", new { first_name = new string('a', 101) })).IsError(400, "104");
        (await api.Put($"/v1/customers/{id}", new { description = new string('a', 1001) })).IsError(400, "104");
        (await api.Put($"/v1/customers/{id}", new { first_name = new string('a', 100) })).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_last_update_date_follows_the_clock_and_the_creation_date_stays()
    {
        using var own = new EmulatorApp();
        var api = own.Seller();
        var created = (await api.Post("/v1/customers", new { email = "clock@example.com" })).Is(HttpStatusCode.Created);
        own.Clock.Advance(TimeSpan.FromHours(2));
        var updated = (await api.Put($"/v1/customers/{(string)created["id"]!}", new { description = "later" })).Is(HttpStatusCode.OK);
        Assert.Equal((string)created["date_created"]!, (string)updated["date_created"]!);
        Assert.Equal("2026-03-10T13:00:00.000-04:00", (string)updated["date_last_updated"]!);
    }

    // Deleting.

    [Fact]
    public async Task Deleting_answers_200_with_status_deactive_and_the_customer_is_then_gone()
    {
        var api = app.Seller();
        var id = await api.Customer("bye@example.com");
        var deleted = (await api.Delete($"/v1/customers/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(id, (string)deleted["id"]!);
        Assert.Equal("deactive", (string)deleted["status"]!);
        Assert.Equal("bye@example.com", (string)deleted["email"]!);

        (await api.Get($"/v1/customers/{id}")).IsError(404, "not_found");
        (await api.Put($"/v1/customers/{id}", new { first_name = "Back" })).IsError(404, "not_found");
        (await api.Delete($"/v1/customers/{id}")).IsError(404, "not_found");
        Assert.Equal(0, (int)(await api.Get("/v1/customers/search?email=bye@example.com")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    [Fact]
    public async Task Deleting_frees_the_email_for_a_new_customer()
    {
        var api = app.Seller();
        var id = await api.Customer("again@example.com");
        (await api.Delete($"/v1/customers/{id}")).Is(HttpStatusCode.OK);
        var fresh = (await api.Post("/v1/customers", new { email = "again@example.com" })).Is(HttpStatusCode.Created);
        Assert.NotEqual(id, (string)fresh["id"]!);
        Assert.Equal([(string)fresh["id"]!],
            (await api.Get("/v1/customers/search?email=again@example.com")).Is(HttpStatusCode.OK)["results"]!.AsArray().Select(c => (string)c!["id"]!));
    }

    [Fact]
    public async Task Deleting_removes_the_customers_cards()
    {
        var api = app.Seller();
        var id = await api.Customer();
        var card = (await api.Post($"/v1/customers/{id}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        var cardId = (string)card["id"]!;
        var keeper = await api.Customer();
        var kept = (string)(await api.Post($"/v1/customers/{keeper}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;

        var deleted = (await api.Delete($"/v1/customers/{id}")).Is(HttpStatusCode.OK);
        Assert.Empty(deleted["cards"]!.AsArray());
        Assert.Null(deleted["default_card"]);

        (await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = "123" })).IsError(404, "not_found");
        var cards = app.Services.GetRequiredService<Store>().CustomerTables().Cards.FindAll().ToList();
        Assert.Equal(0, cards.Count(c => c.CustomerId == id));
        Assert.Equal(1, cards.Count(c => c.CustomerId == keeper));
        (await api.Get($"/v1/customers/{keeper}/cards/{kept}")).Is(HttpStatusCode.OK);
    }
}
