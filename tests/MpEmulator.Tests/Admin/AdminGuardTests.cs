using System.Net;
using System.Text;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

/// <summary>The admin plane answers the developer's own machine only (issue 13, item 8): another web origin is refused
/// before anything runs (a simple text/plain POST included), and while the emulator listens on loopback a request must
/// name a loopback host (DNS rebinding). The browser-side /v1 routes keep their CORS.</summary>
public sealed class AdminGuardTests
{
    [Fact]
    public async Task A_reset_from_another_origin_is_refused_and_resets_nothing()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var customer = await api.Customer();
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/__admin/reset") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        request.Headers.Add("Origin", "http://attacker.example");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        (await api.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_cors_on_the_admin_plane_but_does_on_v1()
    {
        using var app = new EmulatorApp();
        using var http = app.CreateClient();
        HttpRequestMessage Preflight(string path)
        {
            var r = new HttpRequestMessage(HttpMethod.Options, path);
            r.Headers.Add("Origin", "http://shop.example");
            r.Headers.Add("Access-Control-Request-Method", "POST");
            return r;
        }

        using var admin = await http.SendAsync(Preflight("/__admin/sellers"));
        using var tokens = await http.SendAsync(Preflight("/v1/card_tokens"));

        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.False(admin.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("*", tokens.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_dashboards_own_origin_and_loopback_hosts_are_answered_and_a_foreign_host_is_not()
    {
        using var app = new EmulatorApp();
        using var http = app.CreateClient();
        async Task<HttpStatusCode> Sellers(string? origin, string? host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/sellers");
            if (origin is not null) request.Headers.Add("Origin", origin);
            if (host is not null) request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Sellers("http://localhost", null));
        Assert.Equal(HttpStatusCode.OK, await Sellers(null, "127.0.0.1:8080"));
        Assert.Equal(HttpStatusCode.Forbidden, await Sellers(null, "attacker.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await Sellers("http://attacker.example", "attacker.example"));
    }

    [Theory]
    [InlineData("GET", "cross-site", "cors", HttpStatusCode.Forbidden)]
    [InlineData("GET", "same-site", "no-cors", HttpStatusCode.Forbidden)]
    [InlineData("POST", "cross-site", "navigate", HttpStatusCode.Forbidden)]
    [InlineData("GET", "cross-site", "navigate", HttpStatusCode.OK)]
    [InlineData("GET", "same-origin", "cors", HttpStatusCode.OK)]
    [InlineData("GET", "none", "navigate", HttpStatusCode.OK)]
    public async Task A_browser_request_from_another_site_is_refused_even_without_an_origin_but_a_followed_link_opens(
        string method, string site, string mode, HttpStatusCode expected)
    {
        using var app = new EmulatorApp();
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), method == "GET" ? "/__admin/requests" : "/__admin/clock/advance");
        if (method == "POST") request.Content = new StringContent("{\"duration\":\"P1D\"}");
        request.Headers.Add("Sec-Fetch-Site", site);
        request.Headers.Add("Sec-Fetch-Mode", mode);
        using var response = await http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_configured_admin_host_is_answered()
    {
        using var app = EmulatorApp.With(new Dictionary<string, string?> { ["AdminHosts:0"] = "devbox.lan" });
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/sellers");
        request.Headers.Host = "devbox.lan";
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
