using System.Net;
using System.Text.RegularExpressions;
using MpEmulator.Dashboard;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Dashboard;

public sealed partial class DashboardPageTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task The_page_is_served_from_embedded_assets_and_every_file_it_loads_resolves()
    {
        var client = app.CreateClient();
        var page = await client.GetAsync("/__admin/ui");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());

        // Walk the page's links and every module's imports, as the browser does.
        var seen = new HashSet<string>();
        var queue = new Queue<Uri>(Links(await page.Content.ReadAsStringAsync()).Select(l => new Uri(new Uri("http://x/__admin/ui"), l)));
        while (queue.TryDequeue(out var url))
        {
            if (!seen.Add(url.AbsolutePath)) continue;
            var response = await client.GetAsync(url.AbsolutePath);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url.AbsolutePath}: {(int)response.StatusCode}");
            if (url.AbsolutePath.EndsWith(".js"))
            {
                Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
                foreach (var import in Imports().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value))
                    queue.Enqueue(new Uri(url, import));
            }
        }
        Assert.Equal(DashboardAssets.Files.Keys.Select(f => $"/__admin/ui/{f}").Where(f => !f.EndsWith("index.html")).Order(), seen.Order());
    }

    [Fact]
    public async Task An_unknown_asset_is_the_404_envelope()
    {
        var reply = await app.Seller().Send(HttpMethod.Get, "/__admin/ui/nope.js", null, auth: false);
        reply.IsBareError(404, "not_found");
    }

    [Fact]
    public async Task The_root_sends_a_browser_to_the_dashboard_and_keeps_the_404_envelope_for_API_clients()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        var redirected = await client.SendAsync(browser);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/__admin/ui", redirected.Headers.Location?.OriginalString);

        (await app.Seller().Send(HttpMethod.Get, "/", null, auth: false)).IsBareError(404, "not_found");
    }

    static IEnumerable<string> Links(string html) => Attributes().Matches(html).Select(m => m.Groups[1].Value).Where(v => v.StartsWith("/__admin/ui/"));

    [GeneratedRegex("""(?:src|href)="([^"]+)""")]
    private static partial Regex Attributes();

    [GeneratedRegex("""^import .* from "([^"]+)";""", RegexOptions.Multiline)]
    private static partial Regex Imports();
}
