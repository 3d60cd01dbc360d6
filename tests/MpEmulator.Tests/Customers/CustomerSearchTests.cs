using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Customers;

public sealed class CustomerSearchTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static (int Total, int Limit, int Offset) Paging(Reply reply) =>
        ((int)reply["paging"]!["total"]!, (int)reply["paging"]!["limit"]!, (int)reply["paging"]!["offset"]!);

    static string[] Ids(Reply reply) => reply["results"]!.AsArray().Select(c => (string)c!["id"]!).ToArray();

    async Task<List<string>> Many(Api api, int count, string firstName = "Many")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var reply = await api.Post("/v1/customers", new { email = $"many{i}@example.com", first_name = firstName, last_name = $"N{i}" });
            ids.Add((string)reply.Is(HttpStatusCode.Created)["id"]!);
        }
        return ids;
    }

    [Fact]
    public async Task Searching_by_email_finds_the_customer_in_Mercado_Pagos_page_shape()
    {
        var api = app.Seller();
        var id = await api.Customer("ana.silva@example.com");
        await api.Customer("bruno@example.com");

        var reply = (await api.Get("/v1/customers/search?email=ana.silva@example.com")).Is(HttpStatusCode.OK);
        Assert.Equal((1, 10, 0), Paging(reply));
        var customer = Assert.Single(reply["results"]!.AsArray())!;
        Assert.Equal(id, (string)customer["id"]!);
        Assert.Equal("ana.silva@example.com", (string)customer["email"]!);
        Assert.Null(customer["identification"]!["number"]);
        Assert.Empty(customer["cards"]!.AsArray());
    }

    [Fact]
    public async Task The_email_filter_ignores_case()
    {
        var api = app.Seller();
        var id = await api.Customer("Mixed.Case@Example.com");
        Assert.Equal([id], Ids((await api.Get("/v1/customers/search?email=mixed.case@example.COM")).Is(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task No_match_gives_total_zero_and_an_empty_results_array()
    {
        var api = app.Seller();
        await api.Customer("someone@example.com");
        var reply = (await api.Get("/v1/customers/search?email=nobody@example.com")).Is(HttpStatusCode.OK);
        Assert.Equal((0, 10, 0), Paging(reply));
        Assert.Empty(reply["results"]!.AsArray());
    }

    [Fact]
    public async Task First_name_last_name_and_id_filter_and_combine()
    {
        var api = app.Seller();
        var ana = (string)(await api.Post("/v1/customers", new { email = "a1@example.com", first_name = "Ana", last_name = "Silva" }))["id"]!;
        var anaToo = (string)(await api.Post("/v1/customers", new { email = "a2@example.com", first_name = "Ana", last_name = "Souza" }))["id"]!;
        var bia = (string)(await api.Post("/v1/customers", new { email = "b1@example.com", first_name = "Bia", last_name = "Silva" }))["id"]!;

        Assert.Equal(new[] { ana, anaToo }.Order(), Ids((await api.Get("/v1/customers/search?first_name=Ana")).Is(HttpStatusCode.OK)).Order());
        Assert.Equal(new[] { ana, bia }.Order(), Ids((await api.Get("/v1/customers/search?last_name=Silva")).Is(HttpStatusCode.OK)).Order());
        Assert.Equal([ana], Ids((await api.Get("/v1/customers/search?first_name=Ana&last_name=Silva")).Is(HttpStatusCode.OK)));
        Assert.Equal([bia], Ids((await api.Get($"/v1/customers/search?id={bia}")).Is(HttpStatusCode.OK)));
        Assert.Empty(Ids((await api.Get($"/v1/customers/search?id={bia}&first_name=Ana")).Is(HttpStatusCode.OK)));
        Assert.Empty(Ids((await api.Get("/v1/customers/search?email=a1@example.com&last_name=Souza")).Is(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Fifteen_customers_page_as_ten_then_five_without_overlap()
    {
        var api = app.Seller();
        var all = await Many(api, 15);

        var first = (await api.Get("/v1/customers/search")).Is(HttpStatusCode.OK);
        Assert.Equal((15, 10, 0), Paging(first));
        Assert.Equal(10, Ids(first).Length);

        var second = (await api.Get("/v1/customers/search?offset=10")).Is(HttpStatusCode.OK);
        Assert.Equal((15, 10, 10), Paging(second));
        Assert.Equal(5, Ids(second).Length);

        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(all.Order(), Ids(first).Concat(Ids(second)).Order());

        var beyond = (await api.Get("/v1/customers/search?offset=15")).Is(HttpStatusCode.OK);
        Assert.Equal((15, 10, 15), Paging(beyond));
        Assert.Empty(Ids(beyond));
    }

    [Fact]
    public async Task Limit_and_offset_select_a_window_and_the_limit_is_clamped_to_100()
    {
        var api = app.Seller();
        var all = await Many(api, 12);

        var window = (await api.Get("/v1/customers/search?limit=4&offset=3")).Is(HttpStatusCode.OK);
        Assert.Equal((12, 4, 3), Paging(window));
        Assert.Equal(4, Ids(window).Length);

        var everything = (await api.Get("/v1/customers/search?limit=100")).Is(HttpStatusCode.OK);
        Assert.Equal((12, 100, 0), Paging(everything));
        Assert.Equal(all.Order(), Ids(everything).Order());
        Assert.Equal(Ids(everything).Skip(3).Take(4), Ids(window));

        var clamped = (await api.Get("/v1/customers/search?limit=500")).Is(HttpStatusCode.OK);
        Assert.Equal((12, 100, 0), Paging(clamped));
        Assert.Equal(12, Ids(clamped).Length);
    }

    [Theory]
    [InlineData("?limit=&offset=")]
    [InlineData("?limit=")]
    [InlineData("?offset=")]
    [InlineData("?email=&limit=&offset=")]
    public async Task Empty_limit_and_offset_as_the_dotnet_SDK_sends_them_are_the_defaults(string query)
    {
        var api = app.Seller();
        await Many(api, 11);
        var reply = (await api.Get("/v1/customers/search" + query)).Is(HttpStatusCode.OK);
        Assert.Equal((11, 10, 0), Paging(reply));
        Assert.Equal(10, Ids(reply).Length);
    }

    [Theory]
    [InlineData("?limit=ten")]
    [InlineData("?offset=-1")]
    [InlineData("?limit=-5")]
    [InlineData("?offset=1.5")]
    public async Task A_limit_or_offset_that_is_not_a_whole_non_negative_number_is_a_400(string query) =>
        (await app.Seller().Get("/v1/customers/search" + query)).IsError(400, "125");

    [Fact]
    public async Task Deleted_customers_leave_the_search()
    {
        var api = app.Seller();
        var keep = await api.Customer("keep@example.com");
        var gone = await api.Customer("gone@example.com");
        (await api.Delete($"/v1/customers/{gone}")).Is(HttpStatusCode.OK);

        var all = (await api.Get("/v1/customers/search")).Is(HttpStatusCode.OK);
        Assert.Equal(1, Paging(all).Total);
        Assert.Equal([keep], Ids(all));
        Assert.Empty(Ids((await api.Get("/v1/customers/search?email=gone@example.com")).Is(HttpStatusCode.OK)));
        Assert.Empty(Ids((await api.Get($"/v1/customers/search?id={gone}")).Is(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Search_results_carry_each_customers_cards_and_default_card()
    {
        var api = app.Seller();
        var id = await api.Customer("carded@example.com");
        var card = (string)(await api.Post($"/v1/customers/{id}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created)["id"]!;

        var found = Assert.Single((await api.Get("/v1/customers/search?email=carded@example.com")).Is(HttpStatusCode.OK)["results"]!.AsArray())!;
        Assert.Equal(card, (string)found["default_card"]!);
        Assert.Equal(card, (string)Assert.Single(found["cards"]!.AsArray())!["id"]!);
    }

    [Fact]
    public async Task Search_is_reachable_with_a_trailing_slash()
    {
        var api = app.Seller();
        var id = await api.Customer("slash@example.com");
        Assert.Equal([id], Ids((await api.Get("/v1/customers/search/?email=slash@example.com")).Is(HttpStatusCode.OK)));
    }
}
