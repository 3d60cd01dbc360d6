using System.Net;
using MpEmulator.Tests.Support;
using RestSharp;

namespace MpEmulator.Tests;

public sealed class KestrelSmokeTests : IDisposable
{
    readonly EmulatorApp app = EmulatorApp.With(kestrel: true);

    [Fact]
    public async Task A_merchant_client_over_a_real_socket_creates_and_finds_a_customer()
    {
        using var client = new RestClient(app.BaseUrl);
        var token = Sellers.Fresh();
        var create = new RestRequest("/v1/customers", Method.Post).AddHeader("Authorization", $"Bearer {token}")
            .AddJsonBody(new { email = "socket@example.com" });
        var created = await client.ExecuteAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("application/json; charset=UTF-8", created.ContentHeaders!.Single(h => h.Name == "Content-Type").Value);
        Assert.False(string.IsNullOrEmpty(created.Headers!.Single(h => h.Name!.Equals("x-request-id", StringComparison.OrdinalIgnoreCase)).Value));

        var found = await client.ExecuteAsync(new RestRequest("/v1/customers/search").AddHeader("Authorization", $"Bearer {token}")
            .AddQueryParameter("email", "socket@example.com").AddQueryParameter("limit", "").AddQueryParameter("offset", ""));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains("\"total\":1", found.Content);
    }

    public void Dispose() => app.Dispose();
}
