using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

public sealed class AdminApiTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    Api Admin => app.Seller();

    async Task<long> Pay(Api api, object body)
    {
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
        return (long)reply["id"]!;
    }

    [Fact]
    public async Task Advancing_the_clock_by_an_ISO_duration_expires_an_uncaptured_authorization()
    {
        var api = app.Seller();
        var id = await Pay(api, new { transaction_amount = 100, token = await api.CardToken(), installments = 1, capture = false, payer = new { email = "a@b.com" } });

        var clock = (await Admin.Post("/__admin/clock/advance", new { duration = "P5DT1S" })).Is(HttpStatusCode.OK);
        Assert.Equal("P5DT1S", (string)clock["offset"]!);

        var payment = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "expired"), ((string)payment["status"]!, (string)payment["status_detail"]!));
    }

    [Theory]
    [InlineData("{\"duration\":\"seven days\"}")]
    [InlineData("{\"duration\":\"-P1D\"}")]
    [InlineData("{}")]
    public async Task A_bad_clock_move_is_refused_and_moves_nothing(string body)
    {
        var before = (string)(await Admin.Get("/__admin/clock"))["offset"]!;
        (await Admin.Post("/__admin/clock/advance", body)).IsError(400, 1);
        Assert.Equal(before, (string)(await Admin.Get("/__admin/clock"))["offset"]!);
    }

    [Fact]
    public async Task A_buyer_paying_a_Pix_is_an_admin_action_that_approves_it_and_records_the_event()
    {
        var api = app.Seller();
        var id = await Pay(api, new { transaction_amount = 50, payment_method_id = "pix", payer = new { email = "a@b.com" } });

        var approved = (await Admin.Post($"/__admin/payments/{id}/actions", new { action = "approve" })).Is(HttpStatusCode.OK);
        Assert.Equal(("approved", "accredited"), ((string)approved["status"]!, (string)approved["status_detail"]!));
        Assert.NotNull(approved["date_approved"]);

        var events = app.Services.GetRequiredService<Store>().EventsOf(id).Select(e => e.Action).ToList();
        Assert.Equal(["payment.created", "payment.updated"], events);
    }

    [Theory]
    [InlineData("approve", "approved")]
    [InlineData("reject", "rejected")]
    [InlineData("expire", "cancelled")]
    public async Task Outside_events_move_a_pending_ticket(string action, string status)
    {
        var api = app.Seller();
        var id = await Pay(api, new { transaction_amount = 50, payment_method_id = "bolbradesco", payer = new { email = "a@b.com" } });
        var moved = (await Admin.Post($"/__admin/payments/{id}/actions", new { action })).Is(HttpStatusCode.OK);
        Assert.Equal(status, (string)moved["status"]!);
    }

    [Fact]
    public async Task A_chargeback_after_a_dispute_and_an_illegal_action_answers_409()
    {
        var api = app.Seller();
        var id = await Pay(api, new { transaction_amount = 70, token = await api.CardToken(), installments = 1, payer = new { email = "a@b.com" } });
        (await Admin.Post($"/__admin/payments/{id}/actions", new { action = "mediate" })).Is(HttpStatusCode.OK);
        var charged = (await Admin.Post($"/__admin/payments/{id}/actions", new { action = "charge_back", status_detail = "reimbursed" })).Is(HttpStatusCode.OK);
        Assert.Equal(("charged_back", "reimbursed"), ((string)charged["status"]!, (string)charged["status_detail"]!));

        (await Admin.Post($"/__admin/payments/{id}/actions", new { action = "approve" })).IsError(409, 2018);
        (await Admin.Post($"/__admin/payments/{id}/actions", new { action = "teleport" })).IsError(400, 1);
        (await Admin.Post("/__admin/payments/1/actions", new { action = "approve" })).IsError(404, 2000);
    }

    [Fact]
    public async Task Resetting_one_seller_leaves_the_others_untouched()
    {
        var (mine, theirs) = (app.Seller(), app.Seller());
        var myCustomer = await mine.Customer();
        var theirCustomer = await theirs.Customer();

        (await Admin.Post("/__admin/reset", new { seller = mine.Token })).Is(HttpStatusCode.OK);

        (await mine.Get($"/v1/customers/{myCustomer}")).IsError(404, "not_found");
        (await theirs.Get($"/v1/customers/{theirCustomer}")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public void No_admin_route_lives_under_v1()
    {
        var routes = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().Select(e => e.RoutePattern.RawText!).ToList();
        Assert.Contains(routes, r => r.StartsWith("/__admin/"));
        Assert.DoesNotContain(routes, r => r.StartsWith("/v1") && r.Contains("admin"));
        Assert.All(routes.Where(r => r.StartsWith("/__admin")), r => Assert.DoesNotContain("/v1/", r));
    }

    [Fact]
    public async Task The_journal_keeps_requests_with_card_data_masked()
    {
        var api = app.Seller();
        await api.CardToken(number: TestCards.MlbVisa, securityCode: "123");
        var entries = (await Admin.Get($"/__admin/requests?path=/v1/card_tokens&seller={api.UserId}")).Is(HttpStatusCode.OK).Json!.AsArray();
        var entry = Assert.Single(entries)!;
        Assert.Equal(201, (int)entry["status"]!);
        var body = (string)entry["request_body"]!;
        Assert.DoesNotContain(TestCards.MlbVisa, body);
        Assert.Contains("************5682", body);
        Assert.DoesNotContain("\"123\"", body);
        Assert.Contains("\"status\":\"active\"", (string)entry["response_body"]!);
    }

    [Theory]
    [InlineData("{\"card_number\":\"4235647728025682\"}", "{\"card_number\":\"************5682\"}")]
    [InlineData("{\"card_number\" : 4235647728025682}", "{\"card_number\" : \"************5682\"}")]
    [InlineData("{\"card_number\":\" 4235647728025682\"}", "{\"card_number\":\"*************5682\"}")]
    [InlineData("{\"card_number\":\"4235 6477 2802 5682\"}", "{\"card_number\":\"***************5682\"}")]
    [InlineData("{\"card_number\":\"4235-6477\\\"2802 5682\",\"security_code\":\"123\"}",
        "{\"card_number\":\"****************5682\",\"security_code\":\"***\"}")]
    public void The_journal_masks_a_card_number_however_it_is_written(string body, string masked) =>
        Assert.Equal(masked, MpEmulator.Journal.RequestJournal.Redact(body));
}

public sealed class FullResetTests
{
    [Fact]
    public async Task A_full_reset_forgets_every_sellers_data_the_rules_the_journal_and_the_clocks_offset()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var customer = await api.Customer();
        (await api.Post("/__admin/rules", new { match = new { path = "/v1/customers/search" }, respond = new { http_status = 503 } })).Is(HttpStatusCode.Created);
        (await api.Post("/__admin/clock/advance", new { duration = "P2D" })).Is(HttpStatusCode.OK);

        (await api.Post("/__admin/reset", new { })).Is(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"/v1/customers/{customer}")).Status);
        Assert.Empty((await api.Get("/__admin/rules")).Is(HttpStatusCode.OK).Json!.AsArray());
        var clock = (await api.Get("/__admin/clock")).Is(HttpStatusCode.OK);
        Assert.Equal("PT0S", (string)clock["offset"]!);
        Assert.Equal(app.Clock.GetUtcNow(), DateTimeOffset.Parse((string)clock["now"]!));
        var state = (await api.Get("/__admin/state")).Is(HttpStatusCode.OK);
        Assert.All(state["collections"]!.AsObject(), c => Assert.Equal(0, (int)c.Value!));
    }
}

public sealed class AdminKeyTests : IDisposable
{
    readonly EmulatorApp app = EmulatorApp.With(new Dictionary<string, string?> { ["AdminKey"] = "s3cret" });

    [Fact]
    public async Task With_an_admin_key_the_control_plane_needs_it()
    {
        var api = app.Seller();
        var refused = await api.Send(HttpMethod.Get, "/__admin/clock", null, auth: false);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("unauthorized", (string)refused["error"]!);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/clock");
        request.Headers.Add("X-Admin-Key", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await api.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task With_an_admin_key_every_admin_route_but_the_page_needs_it()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/__admin") && !e.RoutePattern.RawText.StartsWith("/__admin/ui"))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => (Method: m, Path: Regex.Replace(e.RoutePattern.RawText!, "{[^}]+}", "1").TrimEnd('/'))))
            .ToList();
        Assert.Contains(routes, r => r.Path == "/__admin/webhooks");
        var api = app.Seller();
        foreach (var (method, path) in routes)
        {
            var refused = await api.Send(new HttpMethod(method), path, method == "GET" ? null : "{}", auth: false);
            Assert.True(refused.Status == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)refused.Status}");
        }
    }

    public void Dispose() => app.Dispose();
}

public sealed class JournalBoundsTests : IDisposable
{
    readonly EmulatorApp app = EmulatorApp.With(new Dictionary<string, string?> { ["JournalSize"] = "3" });

    [Fact]
    public async Task The_journal_keeps_only_the_most_recent_requests()
    {
        var api = app.Seller();
        for (var i = 0; i < 5; i++) await api.Get($"/v1/customers/search?email=n{i}@x.com");
        var entries = (await api.Get("/__admin/requests")).Json!.AsArray();
        Assert.Equal(3, entries.Count);
        Assert.Contains("n4", (string)entries[0]!["query"]!);
        Assert.Contains("n2", (string)entries[2]!["query"]!);
    }

    public void Dispose() => app.Dispose();
}
