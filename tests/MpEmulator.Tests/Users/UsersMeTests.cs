using System.Net;
using System.Text.Json;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Users;

public sealed class UsersMeTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task Users_me_is_the_seller_behind_the_token_and_the_same_on_every_read()
    {
        var api = app.Seller();

        var me = (await api.Get("/users/me")).Is(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Number, me["id"]!.GetValueKind());
        Assert.Equal(api.UserId, (long)me["id"]!);
        Assert.Equal(("MLB", "BR"), ((string)me["site_id"]!, (string)me["country_id"]!));
        Assert.Equal($"TESTUSER{api.UserId}", (string)me["nickname"]!);
        Assert.Equal($"test_user_{api.UserId}@testuser.com", (string)me["email"]!);
        Assert.Equal(("Test", "Test"), ((string)me["first_name"]!, (string)me["last_name"]!));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-04:00$", (string)me["registration_date"]!);

        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(me.Body, (await api.Get("/users/me")).Is(HttpStatusCode.OK).Body);
        Assert.NotEqual((long)me["id"]!, (long)(await app.Seller().Get("/users/me")).Is(HttpStatusCode.OK)["id"]!);
    }

    [Fact]
    public async Task A_fixture_seller_is_who_the_fixture_says()
    {
        var token = Sellers.Fresh();
        var fixture = new
        {
            sellers = new[]
            {
                new
                {
                    access_token = token, site_id = "MLA", nickname = "TIENDA_SOL", email = "ventas@tiendasol.test",
                    first_name = "Sol", last_name = "Pereyra", registration_date = "2021-05-04T10:00:00.000-03:00",
                },
            },
        };
        (await app.Seller().Post("/__admin/fixtures", fixture)).Is(HttpStatusCode.Created);

        var me = (await app.Seller(token).Get("/users/me")).Is(HttpStatusCode.OK);
        Assert.Equal(("MLA", "AR"), ((string)me["site_id"]!, (string)me["country_id"]!));
        Assert.Equal(("TIENDA_SOL", "ventas@tiendasol.test"), ((string)me["nickname"]!, (string)me["email"]!));
        Assert.Equal(("Sol", "Pereyra"), ((string)me["first_name"]!, (string)me["last_name"]!));
        Assert.Equal("2021-05-04T09:00:00.000-04:00", (string)me["registration_date"]!);
    }

    [Fact]
    public async Task Users_me_without_a_token_is_401_code_5()
    {
        (await app.Seller().Send(HttpMethod.Get, "/users/me", null, auth: false)).IsError(401, 5);
    }
}
