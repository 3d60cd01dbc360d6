using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Dashboard;

/// <summary>The read-only admin routes the dashboard reads: across sellers, never under /v1.</summary>
public sealed class DashboardApiTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    Api Admin => app.Seller();

    static async Task<long> Pay(Api api, object body) => (long)(await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created)["id"]!;

    static object Pix(string? reference = null) => new { transaction_amount = 30, payment_method_id = "pix", external_reference = reference, payer = new { email = "a@b.com" } };

    [Fact]
    public async Task A_seller_seen_calling_the_API_is_listed_with_its_token_and_counts()
    {
        var api = app.Seller();
        await Pay(api, Pix());
        await api.Customer();

        var page = (await Admin.Get($"/__admin/sellers?user_id={api.UserId}")).Is(HttpStatusCode.OK);
        Assert.Equal(1, (int)page["paging"]!["total"]!);
        var seller = Assert.Single(page["results"]!.AsArray())!;
        Assert.Equal(api.UserId, (long)seller["user_id"]!);
        Assert.Equal(api.Token, (string)seller["access_token"]!);
        Assert.False((bool)seller["registered"]!);
        Assert.Equal((1, 1), ((int)seller["payments"]!, (int)seller["customers"]!));
    }

    [Fact]
    public async Task Payments_of_any_seller_filter_by_seller_status_method_reference_and_dates_and_page()
    {
        var api = app.Seller();
        var reference = Guid.NewGuid().ToString("N");
        await Pay(api, Pix(reference));
        await Pay(api, Pix());
        await Pay(api, new { transaction_amount = 90, token = await api.CardToken(), installments = 1, capture = false, payer = new { email = "a@b.com" } });
        var today = ((string)(await Admin.Get("/__admin/clock"))["now"]!)[..10];
        var yesterday = DateOnly.Parse(today).AddDays(-1).ToString("yyyy-MM-dd");

        async Task<JsonNode> Page(string query) => (await Admin.Get($"/__admin/payments?seller={api.UserId}&{query}")).Is(HttpStatusCode.OK).Json!;
        int Total(JsonNode page) => (int)page["paging"]!["total"]!;

        Assert.Equal(3, Total(await Page("")));
        Assert.Equal(2, Total(await Page("status=pending")));
        Assert.Equal(2, Total(await Page("method=pix")));
        Assert.Equal(1, Total(await Page("method=credit_card")));
        Assert.Equal(1, Total(await Page($"external_reference={reference}")));
        Assert.Equal(3, Total(await Page($"from={today}&to={today}")));
        Assert.Equal(0, Total(await Page($"to={yesterday}")));
        var second = await Page("limit=2&offset=2");
        Assert.Equal((3, 1), (Total(second), second["results"]!.AsArray().Count));
        Assert.All(second["results"]!.AsArray(), p => Assert.Equal(api.UserId, (long)p!["collector_id"]!));
        (await Admin.Get("/__admin/payments?limit=nine")).IsError(400, 1);
    }

    [Fact]
    public async Task A_payments_story_has_its_events_in_order_and_the_admin_actions_its_status_allows()
    {
        var api = app.Seller();
        var id = await Pay(api, Pix());
        Assert.Equal(["approve", "reject", "expire"], (await Admin.Get($"/__admin/payments/{id}")).Json!["actions"]!.AsArray().Select(a => (string)a!));
        (await Admin.Post($"/__admin/payments/{id}/actions", new { action = "approve" })).Is(HttpStatusCode.OK);

        var story = (await Admin.Get($"/__admin/payments/{id}")).Is(HttpStatusCode.OK).Json!;
        Assert.Equal("approved", (string)story["payment"]!["status"]!);
        var events = story["events"]!.AsArray();
        Assert.Equal(["payment.created", "payment.updated"], events.Select(e => (string)e!["action"]!));
        Assert.Equal(["pending", "approved"], events.Select(e => (string)e!["status"]!));
        Assert.Equal(["mediate", "charge_back"], story["actions"]!.AsArray().Select(a => (string)a!));
        (await Admin.Get("/__admin/payments/1")).IsError(404, 2000);
    }

    [Fact]
    public async Task Customers_come_with_their_saved_cards()
    {
        var api = app.Seller();
        var customer = await api.Customer();
        (await api.Post($"/v1/customers/{customer}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);

        var page = (await Admin.Get($"/__admin/customers?seller={api.Token}")).Is(HttpStatusCode.OK).Json!;
        var found = Assert.Single(page["results"]!.AsArray())!;
        Assert.Equal(customer, (string)found["id"]!);
        Assert.Equal("6351", (string)Assert.Single(found["cards"]!.AsArray())!["last_four_digits"]!);
    }

    [Fact]
    public async Task The_event_feed_streams_each_payment_event_as_it_is_stored()
    {
        var api = app.Seller();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await app.CreateClient().GetAsync("/__admin/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        async Task<string> Until(Func<string, bool> wanted)
        {
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
                if (wanted(line)) return line;
            throw new EndOfStreamException();
        }

        await Until(l => l == "event: ready");
        var id = await Pay(api, Pix());
        await Until(l => l == "event: payment");
        var data = JsonNode.Parse((await Until(l => l.StartsWith("data:")))[5..])!;
        Assert.Equal((id, "payment.created", "pending"), ((long)data["payment_id"]!, (string)data["action"]!, (string)data["status"]!));
    }
}

public sealed class DashboardAdminKeyTests : IDisposable
{
    readonly EmulatorApp app = EmulatorApp.With(new Dictionary<string, string?> { ["AdminKey"] = "s3cret" });

    [Fact]
    public async Task The_dashboards_data_needs_the_admin_key_but_its_page_does_not()
    {
        var client = app.CreateClient();
        foreach (var path in new[] { "/__admin/sellers", "/__admin/payments", "/__admin/customers", "/__admin/about", "/__admin/events" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/payments");
        request.Headers.Add("X-Admin-Key", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/__admin/ui")).StatusCode);
    }

    public void Dispose() => app.Dispose();
}

public sealed class DashboardTimeTests : IDisposable
{
    readonly EmulatorApp app = EmulatorApp.With();

    [Fact]
    public async Task The_list_shows_what_time_did_to_a_payment()
    {
        var api = app.Seller();
        var id = (long)(await api.Post("/v1/payments", new { transaction_amount = 90, token = await api.CardToken(), installments = 1,
            capture = false, payer = new { email = "a@b.com" } })).Json!["id"]!;
        app.Clock.Advance(TimeSpan.FromDays(8));

        var expired = Assert.Single((await api.Get($"/__admin/payments?seller={api.UserId}")).Is(HttpStatusCode.OK).Json!["results"]!.AsArray())!;
        Assert.Equal((id, "cancelled", "expired"), ((long)expired["id"]!, (string)expired["status"]!, (string)expired["status_detail"]!));
    }

    public void Dispose() => app.Dispose();
}
