using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Customers;

public sealed class CustomersApiTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task Creating_a_customer_returns_every_field_with_nulls_for_unset_ones()
    {
        var api = app.Seller();
        var reply = (await api.Post("/v1/customers", new { email = "ana@example.com", first_name = "Ana" })).Is(HttpStatusCode.Created);

        Assert.Matches($"^{api.UserId}-[A-Za-z0-9]{{14}}$", (string)reply["id"]!);
        Assert.Equal("ana@example.com", (string)reply["email"]!);
        Assert.Null(reply["last_name"]);
        Assert.Null(reply["phone"]!["area_code"]);
        Assert.Null(reply["identification"]!["number"]);
        Assert.Empty(reply["cards"]!.AsArray());
        Assert.Equal(api.UserId, (long)reply["user_id"]!);
        Assert.Equal("active", (string)reply["status"]!);
        Assert.False((bool)reply["live_mode"]!);
        Assert.Equal("2026-03-10T11:00:00.000-04:00", (string)reply["date_created"]!);
    }

    [Fact]
    public async Task A_second_customer_with_the_same_email_is_refused_with_code_101()
    {
        var api = app.Seller();
        await api.Customer("dup@example.com");
        (await api.Post("/v1/customers", new { email = "DUP@example.com" })).IsError(400, "101");
    }

    [Fact]
    public async Task A_default_card_sent_on_creation_is_ignored_as_the_official_node_sdk_e2e_sends_one()
    {
        var reply = (await app.Seller().Post("/v1/customers", new { email = "e2e@testuser.com", default_card = "None", default_address = "Home" }))
            .Is(HttpStatusCode.Created);
        Assert.Null(reply["default_card"]);
        Assert.Equal("Home", (string)reply["default_address"]!);
    }

    [Fact]
    public async Task Another_seller_sees_none_of_my_customers()
    {
        var mine = app.Seller();
        var theirs = app.Seller();
        var id = await mine.Customer("private@example.com");

        (await theirs.Get($"/v1/customers/{id}")).IsError(404, "not_found");
        var search = (await theirs.Get("/v1/customers/search?email=private@example.com")).Is(HttpStatusCode.OK);
        Assert.Equal(0, (int)search["paging"]!["total"]!);
        (await theirs.Post("/v1/customers", new { email = "private@example.com" })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Requests_without_a_token_get_the_code_5_envelope()
    {
        var reply = await app.Seller().Send(HttpMethod.Get, "/v1/customers/search", null, auth: false);
        reply.IsError(401, 5);
        Assert.Equal("Must provide your access_token to proceed", (string)reply["message"]!);
    }

    /// <summary>The seed guide's curl searches with <c>-X GET -d '{"email": ...}'</c>: filters in a JSON body.</summary>
    [Fact]
    public async Task The_seed_guide_search_with_a_JSON_body_on_a_GET_filters_by_it()
    {
        var api = app.Seller();
        await api.Customer("seed.curl@example.com");
        await api.Customer("other.curl@example.com");
        var reply = (await api.Send(HttpMethod.Get, "/v1/customers/search", "{\"email\": \"seed.curl@example.com\"}")).Is(HttpStatusCode.OK);
        Assert.Equal(1, (int)reply["paging"]!["total"]!);
        Assert.Equal("seed.curl@example.com", (string)reply["results"]![0]!["email"]!);
    }
}
