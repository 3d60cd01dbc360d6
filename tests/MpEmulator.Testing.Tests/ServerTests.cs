using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MpEmulator.Testing.Tests;

public sealed class ServerTests(MpEmulatorFixture fixture) : IClassFixture<MpEmulatorFixture>
{
    MpEmulatorServer Mp => fixture.Server;

    static HttpClient Client(MpEmulatorServer mp, MpSeller seller)
    {
        var client = mp.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", seller.AccessToken);
        return client;
    }

    [Fact]
    public async Task The_server_listens_on_loopback_with_in_memory_storage()
    {
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", Mp.BaseUrl);
        using var http = new HttpClient();
        var health = await http.GetFromJsonAsync<JsonObject>(Mp.BaseUrl + "/health");
        Assert.Equal("ok", (string?)health!["status"]);
        Assert.Equal(":memory:", (string?)health["storage"]);
    }

    [Fact]
    public async Task Calls_for_mercado_pagos_host_reach_the_emulator_and_sellers_never_share_data()
    {
        var one = await Mp.NewSellerAsync();
        var other = await Mp.NewSellerAsync(site: "MLA");
        using var a = Client(Mp, one);
        using var b = Client(Mp, other);

        var created = await a.PostAsJsonAsync("https://api.mercadopago.com/v1/customers", new { email = "same@testuser.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/v1/customers", new { email = "same@testuser.com" })).StatusCode);

        var search = await a.GetFromJsonAsync<JsonObject>("/v1/customers/search?email=same@testuser.com");
        Assert.Equal(1, (int)search!["paging"]!["total"]!);
        var methods = await b.GetFromJsonAsync<JsonArray>("/v1/payment_methods");
        Assert.Contains(methods!, m => (string?)m!["id"] == "visa");
        Assert.NotEqual(one.UserId, other.UserId);
        Assert.Matches($"^TEST-\\d{{16}}-\\d{{6}}-[0-9a-f]{{32}}-{one.UserId}$", one.AccessToken);
        Assert.Matches("^[0-9a-f]{64}$", one.WebhookSecret);
    }

    [Fact]
    public async Task A_card_token_made_with_the_public_key_pays_and_the_journal_shows_it()
    {
        var seller = await Mp.NewSellerAsync();
        using var api = Client(Mp, seller);
        var token = await Mp.CardTokenAsync(seller, "FUND");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments")
        {
            Content = JsonContent.Create(new { transaction_amount = 10, token, installments = 1, payer = new { email = "buyer@testuser.com" } }),
        };
        request.Headers.Add("X-Idempotency-Key", Guid.NewGuid().ToString());
        var payment = await (await api.SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("cc_rejected_insufficient_amount", (string?)payment!["status_detail"]);
        var journal = await Mp.Admin.RequestsAsync(seller, path: "/v1/payments", method: "POST");
        var entry = Assert.Single(journal);
        Assert.Equal(201, entry.Status);
        Assert.Equal(seller.UserId, entry.SellerId);
    }

    [Fact]
    public async Task A_pix_order_is_paid_through_the_admin_helpers_and_listed_with_its_seller()
    {
        var seller = await Mp.NewSellerAsync();
        using var api = Client(Mp, seller);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/orders")
        {
            Content = JsonContent.Create(new
            {
                type = "online", total_amount = "30.00", payer = new { email = "buyer@testuser.com" },
                transactions = new { payments = new[] { new { amount = "30.00", payment_method = new { id = "pix", type = "bank_transfer" } } } },
            }),
        };
        request.Headers.Add("X-Idempotency-Key", Guid.NewGuid().ToString());
        var order = (await (await api.SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("action_required", (string?)order["status"]);

        var paid = await Mp.Admin.OrderActionAsync((string)order["id"]!, MpPaymentAction.Approve);
        Assert.Equal(("processed", "accredited"), ((string?)paid["status"], (string?)paid["status_detail"]));
        var listed = Assert.Single(await Mp.Admin.OrdersAsync(seller));
        Assert.Equal((string?)order["id"], (string?)listed["id"]);
        var refused = await Assert.ThrowsAsync<MpAdminException>(() => Mp.Admin.OrderActionAsync((string)order["id"]!, MpPaymentAction.Approve));
        Assert.Equal(409, refused.Status);
    }

    [Fact]
    public async Task Rules_are_added_listed_and_removed_by_id()
    {
        var seller = await Mp.NewSellerAsync();
        var rule = await Mp.Admin.AddRuleAsync(MpRule.For(seller, "POST", "/v1/customers").Fault(503) with { Times = 2, Id = "outage-" + seller.UserId });

        Assert.Equal("outage-" + seller.UserId, rule.Id);
        Assert.Equal(503, (int)rule.Respond["http_status"]!);
        Assert.Contains(await Mp.Admin.RulesAsync(), r => r.Id == rule.Id && r.Times == 2);
        await Mp.Admin.RemoveRuleAsync(rule.Id!);
        Assert.DoesNotContain(await Mp.Admin.RulesAsync(), r => r.Id == rule.Id);
        var missing = await Assert.ThrowsAsync<MpAdminException>(() => Mp.Admin.RemoveRuleAsync(rule.Id!));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task An_invalid_fixture_is_refused_with_its_problems()
    {
        var refused = await Assert.ThrowsAsync<MpAdminException>(() =>
            Mp.Admin.LoadFixtureAsync(new JsonObject { ["sellers"] = new JsonArray(new JsonObject { ["site_id"] = "XXX" }) }));
        Assert.Equal(400, refused.Status);
        Assert.Contains("access_token", refused.Message);
    }

    [Fact]
    public async Task Seller_reset_forgets_that_sellers_data_only()
    {
        var kept = await Mp.NewSellerAsync();
        var wiped = await Mp.NewSellerAsync();
        using var a = Client(Mp, kept);
        using var b = Client(Mp, wiped);
        await a.PostAsJsonAsync("/v1/customers", new { email = "kept@testuser.com" });
        await b.PostAsJsonAsync("/v1/customers", new { email = "wiped@testuser.com" });

        await Mp.Admin.ResetAsync(wiped);

        Assert.Equal(1, (int)(await a.GetFromJsonAsync<JsonObject>("/v1/customers/search"))!["paging"]!["total"]!);
        Assert.Equal(0, (int)(await b.GetFromJsonAsync<JsonObject>("/v1/customers/search"))!["paging"]!["total"]!);
    }
}

/// <summary>What moves the whole server: its own instances, not the shared fixture.</summary>
public sealed class ServerWideTests
{
    [Fact]
    public async Task Start_up_fixtures_load_and_a_full_reset_loads_them_again_while_the_clock_moves_by_the_admin_api()
    {
        await using var mp = await MpEmulatorServer.StartAsync(new MpEmulatorOptions { Fixtures = Path.Combine(Repo.Root, "fixtures", "default.json") });
        using var http = new HttpClient { BaseAddress = new Uri(mp.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Repo.DemoToken);
        var before = (int)(await http.GetFromJsonAsync<JsonObject>("/v1/payments/search"))!["paging"]!["total"]!;
        Assert.True(before > 0);

        await mp.Admin.ResetAsync();
        Assert.Equal(before, (int)(await http.GetFromJsonAsync<JsonObject>("/v1/payments/search"))!["paging"]!["total"]!);

        var now = await mp.Admin.NowAsync();
        var later = await mp.Admin.AdvanceClockAsync(TimeSpan.FromDays(1));
        Assert.InRange(later - now, TimeSpan.FromDays(1), TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        var set = await mp.Admin.SetClockAsync(new DateTimeOffset(2027, 1, 2, 10, 0, 0, TimeSpan.FromHours(-3)));
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 13, 0, 0, TimeSpan.Zero), set, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_options_decide_and_the_machines_emulator_variables_do_not()
    {
        Environment.SetEnvironmentVariable("MPEMU_FEERATE", "0.5");
        try
        {
            await using var mp = await MpEmulatorServer.StartAsync();
            var seller = await mp.NewSellerAsync();
            using var http = mp.CreateHttpClient();
            http.DefaultRequestHeaders.Authorization = new("Bearer", seller.AccessToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments")
            {
                Content = JsonContent.Create(new { transaction_amount = 100, token = await mp.CardTokenAsync(seller), installments = 1, payer = new { email = "b@testuser.com" } }),
            };
            request.Headers.Add("X-Idempotency-Key", Guid.NewGuid().ToString());
            var payment = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>();

            Assert.Equal(4.99m, (decimal)payment!["fee_details"]![0]!["amount"]!); // the default 4.99 %, not 50 %
        }
        finally
        {
            Environment.SetEnvironmentVariable("MPEMU_FEERATE", null);
        }
    }

    [Fact]
    public async Task An_invalid_start_up_fixture_stops_the_start_with_its_problems()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{"sellers":[{"site_id":"MLB"}]}""");

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => MpEmulatorServer.StartAsync(new MpEmulatorOptions { Fixtures = file }));

        Assert.Contains("access_token is required", failed.Message);
    }
}

static class Repo
{
    public const string DemoToken = "TEST-4242424242424242-010126-5ee1ce7e1e9e4f1db1c0ffee0badc0de-424242424";

    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MpEmulator.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("MpEmulator.sln not found above the test output");
        }
    }
}
