using System.Net;
using RestSharp;

namespace MpEmulator.Testing.Tests;

/// <summary>The README's one line for RestSharp code that was written for Mercado Pago's real address.</summary>
public sealed class RestSharpTests(MpEmulatorFixture fixture) : IClassFixture<MpEmulatorFixture>
{
    [Fact]
    public async Task A_restsharp_client_over_the_handler_reaches_the_emulator()
    {
        var seller = await fixture.Server.NewSellerAsync(site: "MLM");
        using var client = new RestClient(fixture.Server.CreateHttpClient(), new RestClientOptions("https://api.mercadopago.com"));

        var response = await client.ExecuteAsync(new RestRequest("/v1/identification_types").AddHeader("Authorization", $"Bearer {seller.AccessToken}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"id\"", response.Content);
    }
}
