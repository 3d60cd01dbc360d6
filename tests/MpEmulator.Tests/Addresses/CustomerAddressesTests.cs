using System.Net;
using System.Text.Json;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Addresses;

public sealed class CustomerAddressesTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static readonly object Paulista = new
    {
        zip_code = "01310-100", street_name = "Av. Paulista", street_number = "1000", city = "São Paulo", state = "SP", country = "BR",
    };

    static object Augusta(object? city = null) => new
    {
        zip_code = "01305-000", street_name = "Rua Augusta", street_number = 500, name = "Office", floor = "3",
        city = city ?? new { id = "BR-SP-44", name = "São Paulo" }, neighborhood = new { name = "Consolação" }, comments = "ring twice",
    };

    async Task<(Api Api, string Customer)> Customer()
    {
        var api = app.Seller();
        return (api, await api.Customer());
    }

    [Fact]
    public async Task A_new_address_answers_201_with_its_id_and_becomes_the_default_address_of_the_customer()
    {
        var (api, customer) = await Customer();

        var created = (await api.Post($"/v1/customers/{customer}/addresses", Paulista)).Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.Matches("^[0-9]{10}$", id);
        Assert.Equal(("01310-100", "Av. Paulista"), ((string)created["zip_code"]!, (string)created["street_name"]!));
        Assert.Equal(JsonValueKind.Number, created["street_number"]!.GetValueKind());
        Assert.Equal(1000, (int)created["street_number"]!);
        Assert.Equal("São Paulo", (string)created["city"]!["name"]!);
        Assert.Equal("SP", (string)created["state"]!["name"]!);
        Assert.Equal("BR", (string)created["country"]!["name"]!);
        Assert.Null(created["neighborhood"]!["name"]);
        Assert.Equal(EmulatorApp.Start, DateTimeOffset.Parse((string)created["date_created"]!));

        var c = (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
        Assert.Equal(id, (string)c["default_address"]!);
        Assert.Equal(id, (string)c["addresses"]![0]!["id"]!);
        Assert.Equal(id, (string)c["address"]!["id"]!);
        Assert.Equal("Av. Paulista", (string)c["address"]!["street_name"]!);
        Assert.Equal(1000, (int)c["address"]!["street_number"]!);
    }

    [Fact]
    public async Task Addresses_are_listed_oldest_first_read_one_by_one_and_the_first_stays_the_default()
    {
        var (api, customer) = await Customer();
        var first = (string)(await api.Post($"/v1/customers/{customer}/addresses", Paulista)).Is(HttpStatusCode.Created)["id"]!;
        var second = (string)(await api.Post($"/v1/customers/{customer}/addresses", Augusta())).Is(HttpStatusCode.Created)["id"]!;

        var list = (await api.Get($"/v1/customers/{customer}/addresses")).Is(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal([first, second], list.Select(a => (string)a!["id"]!));
        var one = (await api.Get($"/v1/customers/{customer}/addresses/{second}")).Is(HttpStatusCode.OK);
        Assert.Equal(("Office", "3", "ring twice"), ((string)one["name"]!, (string)one["floor"]!, (string)one["comments"]!));
        Assert.Equal(("BR-SP-44", "Consolação"), ((string)one["city"]!["id"]!, (string)one["neighborhood"]!["name"]!));
        Assert.Equal(first, (string)(await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK)["default_address"]!);
    }

    [Fact]
    public async Task A_put_changes_only_what_it_sends_and_the_customer_address_follows_the_default()
    {
        var (api, customer) = await Customer();
        var id = (string)(await api.Post($"/v1/customers/{customer}/addresses", Paulista)).Is(HttpStatusCode.Created)["id"]!;

        var updated = (await api.Put($"/v1/customers/{customer}/addresses/{id}", new { street_number = 1578, apartment = "12B" })).Is(HttpStatusCode.OK);
        Assert.Equal((1578, "12B", "Av. Paulista"), ((int)updated["street_number"]!, (string)updated["apartment"]!, (string)updated["street_name"]!));
        Assert.Equal(updated.Body, (await api.Get($"/v1/customers/{customer}/addresses/{id}")).Is(HttpStatusCode.OK).Body);
        Assert.Equal(1578, (int)(await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK)["address"]!["street_number"]!);
    }

    [Fact]
    public async Task The_customer_can_name_another_of_its_addresses_as_default_but_not_one_it_lacks()
    {
        var (api, customer) = await Customer();
        (await api.Post($"/v1/customers/{customer}/addresses", Paulista)).Is(HttpStatusCode.Created);
        var office = (string)(await api.Post($"/v1/customers/{customer}/addresses", Augusta())).Is(HttpStatusCode.Created)["id"]!;

        var c = (await api.Put($"/v1/customers/{customer}", new { default_address = office })).Is(HttpStatusCode.OK);
        Assert.Equal(office, (string)c["default_address"]!);
        Assert.Equal("Rua Augusta", (string)c["address"]!["street_name"]!);

        (await api.Put($"/v1/customers/{customer}", new { default_address = "0000000001" })).IsError(400, "125");
        Assert.Equal(office, (string)(await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK)["default_address"]!);
    }

    [Fact]
    public async Task Deleting_the_default_passes_it_to_the_newest_left_and_deleting_the_last_clears_it()
    {
        var (api, customer) = await Customer();
        var first = (string)(await api.Post($"/v1/customers/{customer}/addresses", Paulista)).Is(HttpStatusCode.Created)["id"]!;
        var second = (string)(await api.Post($"/v1/customers/{customer}/addresses", Augusta())).Is(HttpStatusCode.Created)["id"]!;

        var removed = (await api.Delete($"/v1/customers/{customer}/addresses/{first}")).Is(HttpStatusCode.OK);
        Assert.Equal(first, (string)removed["id"]!);
        (await api.Get($"/v1/customers/{customer}/addresses/{first}")).IsError(404, "not_found");
        var c = (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
        Assert.Equal(second, (string)c["default_address"]!);
        Assert.Equal("Rua Augusta", (string)c["address"]!["street_name"]!);

        (await api.Delete($"/v1/customers/{customer}/addresses/{second}")).Is(HttpStatusCode.OK);
        c = (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
        Assert.Null(c["default_address"]);
        Assert.Empty(c["addresses"]!.AsArray());
        Assert.Null(c["address"]!["street_name"]);
    }

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { """{"zip_code":"01310-100"}""", "114" },
        { """{"street_name":"  ","zip_code":"01310-100"}""", "114" },
        { """{"street_name":7,"zip_code":"01310-100"}""", "114" },
        { """{"street_name":"Av. Paulista"}""", "113" },
        { """{"street_name":"Av. Paulista","zip_code":true}""", "113" },
        { """{"street_name":"Av. Paulista","zip_code":"01310-100","street_number":"mil"}""", "125" },
        { """{"street_name":"Av. Paulista","zip_code":"01310-100","city":[1]}""", "125" },
        { """{"street_name":"Av. Paulista","zip_code":"01310-100","city":{"name":3}}""", "125" },
        { """[1,2]""", "118" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_address_is_refused_with_the_customer_apis_code_and_nothing_is_saved(string body, string code)
    {
        var (api, customer) = await Customer();
        (await api.Post($"/v1/customers/{customer}/addresses", body)).IsError(400, code);
        Assert.Empty((await api.Get($"/v1/customers/{customer}/addresses")).Is(HttpStatusCode.OK).Json!.AsArray());
    }

    [Fact]
    public async Task A_put_cannot_blank_the_street_name_and_leaves_the_address_as_it_was()
    {
        var (api, customer) = await Customer();
        var created = (await api.Post($"/v1/customers/{customer}/addresses", Paulista)).Is(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        (await api.Put($"/v1/customers/{customer}/addresses/{id}", new { street_name = "" })).IsError(400, "114");
        Assert.Equal(created.Body, (await api.Get($"/v1/customers/{customer}/addresses/{id}")).Is(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Unknown_addresses_and_other_sellers_customers_are_404()
    {
        var (api, customer) = await Customer();
        var id = (string)(await api.Post($"/v1/customers/{customer}/addresses", Paulista)).Is(HttpStatusCode.Created)["id"]!;
        (await api.Get($"/v1/customers/{customer}/addresses/1234567890")).IsError(404, "not_found");
        (await api.Put($"/v1/customers/{customer}/addresses/1234567890", new { floor = "2" })).IsError(404, "not_found");
        (await api.Delete($"/v1/customers/{customer}/addresses/1234567890")).IsError(404, "not_found");

        var stranger = app.Seller();
        (await stranger.Get($"/v1/customers/{customer}/addresses")).IsError(404, "not_found");
        (await stranger.Get($"/v1/customers/{customer}/addresses/{id}")).IsError(404, "not_found");
        (await stranger.Post($"/v1/customers/{customer}/addresses", Paulista)).IsError(404, "not_found");
    }

    [Fact]
    public async Task A_fixture_seeds_addresses_and_reports_a_bad_one_by_its_json_path()
    {
        var token = Sellers.Fresh();
        var email = $"seeded_{Guid.NewGuid():N}@testuser.com";
        var fixture = new
        {
            customers = new object[]
            {
                new { seller = token, email, addresses = new[] { Paulista, Augusta("Campinas") } },
            },
        };
        (await app.Seller().Post("/__admin/fixtures", fixture)).Is(HttpStatusCode.Created);

        var api = app.Seller(token);
        var c = (await api.Get($"/v1/customers/search?email={email}")).Is(HttpStatusCode.OK)["results"]![0]!;
        var addresses = c["addresses"]!.AsArray();
        Assert.Equal(["Av. Paulista", "Rua Augusta"], addresses.Select(a => (string)a!["street_name"]!));
        Assert.Equal("Campinas", (string)addresses[1]!["city"]!["name"]!);
        Assert.Equal((string)addresses[0]!["id"]!, (string)c["default_address"]!);

        var bad = new { customers = new object[] { new { seller = Sellers.Fresh(), email, addresses = new object[] { new { street_name = "Rua Sem CEP" } } } } };
        var reply = (await app.Seller().Post("/__admin/fixtures", bad)).Is(HttpStatusCode.BadRequest);
        Assert.Equal(["$.customers[0].addresses[0]"], reply["cause"]!.AsArray().Select(c => (string)c!["data"]!));
    }
}
