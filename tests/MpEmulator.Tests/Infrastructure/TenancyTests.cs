using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>Every access token is its own seller: nothing of one is visible to, or usable by, another.</summary>
public sealed class TenancyTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task A_production_shaped_token_is_the_seller_its_last_part_names()
    {
        var id = Random.Shared.NextInt64(100_000_000, 9_999_999_999);
        var api = app.Seller($"APP_USR-1234567890123456-031012-0123456789abcdef0123456789abcdef-{id}");
        var customer = (await api.Post("/v1/customers", new { email = "prod@example.com" })).Is(HttpStatusCode.Created);
        Assert.Equal(id, (long)customer["user_id"]!);
        Assert.StartsWith($"{id}-", (string)customer["id"]!);
    }

    [Fact]
    public async Task Any_other_token_is_a_seller_of_its_own_with_a_stable_id()
    {
        var token = $"my-dev-token-{Guid.NewGuid():N}";
        var first = (await app.Seller(token).Post("/v1/customers", new { email = "dev@example.com" })).Is(HttpStatusCode.Created);
        var again = (await app.Seller(token).Get($"/v1/customers/{(string)first["id"]!}")).Is(HttpStatusCode.OK);
        var other = (await app.Seller($"my-dev-token-{Guid.NewGuid():N}").Post("/v1/customers", new { email = "dev@example.com" }))
            .Is(HttpStatusCode.Created);
        Assert.True((long)first["user_id"]! > 0);
        Assert.Equal((long)first["user_id"]!, (long)again["user_id"]!);
        Assert.NotEqual((long)first["user_id"]!, (long)other["user_id"]!);
    }

    [Fact]
    public async Task Another_seller_gets_404_for_my_customer_and_cannot_change_or_delete_it()
    {
        var a = app.Seller();
        var b = app.Seller();
        var before = (await a.Post("/v1/customers", new { email = "mine@example.com", first_name = "Ana" })).Is(HttpStatusCode.Created);
        var id = (string)before["id"]!;

        (await b.Get($"/v1/customers/{id}")).IsError(404, "not_found");
        (await b.Put($"/v1/customers/{id}", new { first_name = "Stolen" })).IsError(404, "not_found");
        (await b.Delete($"/v1/customers/{id}")).IsError(404, "not_found");
        Assert.Equal(before.Body, (await a.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Another_seller_gets_404_for_my_cards()
    {
        var a = app.Seller();
        var b = app.Seller();
        var customer = await a.Customer();
        var card = (await a.Post($"/v1/customers/{customer}/cards", new { token = await a.CardToken() })).Is(HttpStatusCode.Created);
        var cardId = (string)card["id"]!;

        (await b.Get($"/v1/customers/{customer}/cards")).IsError(404, "not_found");
        (await b.Get($"/v1/customers/{customer}/cards/{cardId}")).IsError(404, "not_found");
        (await b.Put($"/v1/customers/{customer}/cards/{cardId}", new { expiration_month = 1 })).IsError(404, "not_found");
        (await b.Delete($"/v1/customers/{customer}/cards/{cardId}")).IsError(404, "not_found");
        (await b.Post($"/v1/customers/{customer}/cards", new { token = await b.CardToken(number: TestCards.MlbVisa) })).IsError(404, "not_found");
        (await b.Post("/v1/card_tokens", new { card_id = cardId, security_code = "123" })).IsError(404, "not_found");

        // B's own customer does not reach A's card either.
        var theirs = await b.Customer();
        (await b.Get($"/v1/customers/{theirs}/cards/{cardId}")).IsError(404, "not_found");
        Assert.Equal(card.Body, (await a.Get($"/v1/customers/{customer}/cards/{cardId}")).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Another_seller_gets_404_for_my_card_token_and_cannot_save_it()
    {
        var a = app.Seller();
        var b = app.Seller();
        var token = await a.CardToken();
        (await b.Get($"/v1/card_tokens/{token}")).IsError(404, "not_found");

        var theirs = await b.Customer();
        (await b.Post($"/v1/customers/{theirs}/cards", new { token })).IsError(400, "121");
        Assert.Empty((await b.Get($"/v1/customers/{theirs}/cards")).Is(HttpStatusCode.OK).Json!.AsArray());

        // B's attempt did not use it up.
        Assert.Equal("active", (string)(await a.Get($"/v1/card_tokens/{token}")).Is(HttpStatusCode.OK)["status"]!);
        var mine = await a.Customer();
        (await a.Post($"/v1/customers/{mine}/cards", new { token })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Another_sellers_search_never_shows_my_customers()
    {
        var a = app.Seller();
        var b = app.Seller();
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
            mine.Add((string)(await a.Post("/v1/customers", new { email = $"shared{i}@example.com", first_name = "Shared", last_name = "Name" }))
                .Is(HttpStatusCode.Created)["id"]!);
        var theirs = (string)(await b.Post("/v1/customers", new { email = "shared0@example.com", first_name = "Shared", last_name = "Name" }))
            .Is(HttpStatusCode.Created)["id"]!;

        foreach (var query in new[] { "", "?first_name=Shared", "?last_name=Name", "?email=shared0@example.com", "?limit=100" })
        {
            var found = (await b.Get("/v1/customers/search" + query)).Is(HttpStatusCode.OK);
            Assert.Equal(1, (int)found["paging"]!["total"]!);
            Assert.Equal(theirs, (string)Assert.Single(found["results"]!.AsArray())!["id"]!);
        }
        foreach (var id in mine)
            Assert.Equal(0, (int)(await b.Get($"/v1/customers/search?id={id}")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
        Assert.Equal(3, (int)(await a.Get("/v1/customers/search?first_name=Shared")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    [Fact]
    public async Task A_token_made_with_an_unregistered_public_key_can_be_used_once_by_any_seller()
    {
        var browser = app.Seller();
        var made = await browser.Send(HttpMethod.Post, "/v1/card_tokens?public_key=TEST-unregistered-key", Bodies.Card(), auth: false);
        var token = (string)made.Is(HttpStatusCode.Created)["id"]!;

        var a = app.Seller();
        var b = app.Seller();
        Assert.Equal("active", (string)(await b.Get($"/v1/card_tokens/{token}")).Is(HttpStatusCode.OK)["status"]!);
        var customer = await a.Customer();
        (await a.Post($"/v1/customers/{customer}/cards", new { token })).Is(HttpStatusCode.Created);

        var other = await b.Customer();
        (await b.Post($"/v1/customers/{other}/cards", new { token })).IsError(400, "121");
        Assert.Equal("used", (string)(await b.Get($"/v1/card_tokens/{token}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task A_public_key_made_token_cannot_reach_a_saved_card()
    {
        var a = app.Seller();
        var customer = await a.Customer();
        var card = (string)(await a.Post($"/v1/customers/{customer}/cards", new { token = await a.CardToken() })).Is(HttpStatusCode.Created)["id"]!;
        (await a.Send(HttpMethod.Post, "/v1/card_tokens?public_key=TEST-unregistered-key", new { card_id = card, security_code = "123" }, auth: false))
            .IsError(404, "not_found");
    }

    // Strict tokens: only the sellers in configuration exist.

    const string Registered = "TEST-1234567890123456-031012-0f1e2d3c4b5a69788796a5b4c3d2e1f0-111";
    const string RegisteredKey = "TEST-pk-1";

    static EmulatorApp Strict() => EmulatorApp.With(new Dictionary<string, string?>
    {
        ["StrictTokens"] = "true", ["Sellers:0:AccessToken"] = Registered, ["Sellers:0:PublicKey"] = RegisteredKey,
    });

    [Fact]
    public async Task With_strict_tokens_the_registered_seller_works_and_any_other_token_is_401()
    {
        using var strict = Strict();
        var seller = strict.Seller(Registered);
        var id = (string)(await seller.Post("/v1/customers", new { email = "strict@example.com" })).Is(HttpStatusCode.Created)["id"]!;
        Assert.StartsWith("111-", id);
        (await seller.Get($"/v1/customers/{id}")).Is(HttpStatusCode.OK);

        var stranger = strict.Seller();
        var refused = (await stranger.Get("/v1/customers/search")).IsBareError(401, "unauthorized");
        Assert.DoesNotContain("strict@example.com", refused.Body);
        (await stranger.Post("/v1/customers", new { email = "intruder@example.com" })).IsBareError(401, "unauthorized");
        (await stranger.Post("/v1/card_tokens", Bodies.Card())).IsBareError(401, "unauthorized");
        (await stranger.Send(HttpMethod.Get, "/v1/customers/search", null, auth: false)).IsError(401, 5);
        Assert.Equal(0, (int)(await seller.Get("/v1/customers/search?email=intruder@example.com")).Is(HttpStatusCode.OK)["paging"]!["total"]!);
    }

    [Fact]
    public async Task With_strict_tokens_the_registered_public_key_makes_tokens_for_its_seller_and_others_are_401()
    {
        using var strict = Strict();
        var seller = strict.Seller(Registered);
        var made = await seller.Send(HttpMethod.Post, $"/v1/card_tokens?public_key={RegisteredKey}", Bodies.Card(), auth: false);
        var token = (string)made.Is(HttpStatusCode.Created)["id"]!;
        (await seller.Send(HttpMethod.Get, $"/v1/payment_methods?public_key={RegisteredKey}", null, auth: false)).Is(HttpStatusCode.OK);

        var customer = await seller.Customer();
        (await seller.Post($"/v1/customers/{customer}/cards", new { token })).Is(HttpStatusCode.Created);

        (await seller.Send(HttpMethod.Post, "/v1/card_tokens?public_key=TEST-pk-unknown", Bodies.Card(), auth: false)).IsError(401, "1001");
        (await seller.Send(HttpMethod.Get, "/v1/payment_methods?public_key=TEST-pk-unknown", null, auth: false)).IsError(401, "1001");
        (await seller.Send(HttpMethod.Get, $"/v1/customers/search?public_key={RegisteredKey}", null, auth: false)).IsError(401, 5);
    }
}
