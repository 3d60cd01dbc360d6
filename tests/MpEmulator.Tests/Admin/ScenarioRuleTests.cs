using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

/// <summary>Each rule scopes itself to its own seller, so tests share the server but never rules' effects.</summary>
public sealed class ScenarioRuleTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static object Payment(string token, string email = "buyer@example.com", decimal amount = 100) =>
        new { transaction_amount = amount, token, installments = 1, payer = new { email } };

    async Task Rule(object rule) => (await app.Seller().Post("/__admin/rules", rule)).Is(HttpStatusCode.Created);

    [Fact]
    public async Task A_rule_forces_a_payment_outcome_by_amount()
    {
        var api = app.Seller();
        await Rule(new { match = new { method = "POST", path = "/v1/payments", seller = api.Token, transaction_amount = 666 },
            respond = new { status = "rejected", status_detail = "cc_rejected_high_risk" } });

        var risky = (await api.Post("/v1/payments", Payment(await api.CardToken(), amount: 666))).Is(HttpStatusCode.Created);
        Assert.Equal(("rejected", "cc_rejected_high_risk"), ((string)risky["status"]!, (string)risky["status_detail"]!));
        var normal = (await api.Post("/v1/payments", Payment(await api.CardToken(), amount: 665))).Is(HttpStatusCode.Created);
        Assert.Equal("approved", (string)normal["status"]!);
    }

    [Fact]
    public async Task The_third_payment_of_a_buyer_fails_and_the_next_one_meets_a_503()
    {
        var api = app.Seller();
        var buyer = $"buyer{api.UserId}@example.com";
        await Rule(new { match = new Dictionary<string, object> { ["path"] = "/v1/payments", ["payer.email"] = buyer },
            after = 2, times = 1, respond = new { status = "rejected", status_detail = "cc_rejected_insufficient_amount" } });
        await Rule(new { match = new Dictionary<string, object> { ["path"] = "/v1/payments", ["payer.email"] = buyer },
            after = 3, times = 1, respond = new { http_status = 503 } });

        var statuses = new List<string>();
        for (var i = 0; i < 3; i++) statuses.Add((string)(await api.Post("/v1/payments", Payment(await api.CardToken(), buyer)))["status"]!);
        Assert.Equal(["approved", "approved", "rejected"], statuses);
        (await api.Post("/v1/payments", Payment(await api.CardToken(), buyer))).Is(HttpStatusCode.ServiceUnavailable);
        (await api.Post("/v1/payments", Payment(await api.CardToken(), buyer))).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_rule_answers_a_catalog_error_by_code_for_n_times()
    {
        var api = app.Seller();
        await Rule(new { match = new { path = "/v1/customers", seller = api.Token }, respond = new { error_code = "101" }, times = 2 });
        (await api.Post("/v1/customers", new { email = "x1@example.com" })).IsError(400, "101");
        (await api.Post("/v1/customers", new { email = "x2@example.com" })).IsError(400, "101");
        (await api.Post("/v1/customers", new { email = "x3@example.com" })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_rule_can_drop_the_connection()
    {
        var api = app.Seller();
        await Rule(new { match = new { path = "/v1/customers/search", seller = api.Token }, respond = new { drop_connection = true }, times = 1 });
        await Assert.ThrowsAnyAsync<Exception>(() => api.Get("/v1/customers/search"));
        (await api.Get("/v1/customers/search")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forced_in_process_outcome_is_a_rejection_under_binary_mode()
    {
        var api = app.Seller();
        await Rule(new { match = new { method = "POST", path = "/v1/payments", seller = api.Token },
            respond = new { status = "in_process", status_detail = "pending_review_manual" } });
        var binary = new { transaction_amount = 100, token = await api.CardToken(), installments = 1, binary_mode = true,
            payer = new { email = "buyer@example.com" } };
        var rejected = (await api.Post("/v1/payments", binary)).Is(HttpStatusCode.Created);
        Assert.Equal(("rejected", "cc_rejected_other_reason"), ((string)rejected["status"]!, (string)rejected["status_detail"]!));
        var waiting = (await api.Post("/v1/payments", Payment(await api.CardToken()))).Is(HttpStatusCode.Created);
        Assert.Equal(("in_process", "pending_review_manual"), ((string)waiting["status"]!, (string)waiting["status_detail"]!));
    }

    [Fact]
    public async Task A_delay_rule_still_answers_normally()
    {
        var api = app.Seller();
        await Rule(new { match = new { path = "/v1/customers/search", seller = api.Token }, respond = new { delay_ms = 10 }, times = 1 });
        (await Advancing(app, api.Get("/v1/customers/search"))).Is(HttpStatusCode.OK);
    }

    /// <summary>A delay rule waits on the emulator's clock: moves the test's fake clock in small steps until the reply
    /// comes (the loop polls; it never asserts how long anything took).</summary>
    public static async Task<Reply> Advancing(EmulatorApp app, Task<Reply> reply)
    {
        while (!reply.IsCompleted)
        {
            app.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(reply, Task.Delay(5));
        }
        return await reply;
    }

    [Fact]
    public async Task Rules_are_listed_and_removed_through_the_admin_api()
    {
        var api = app.Seller();
        var added = (await api.Post("/__admin/rules", new { id = $"r-{api.UserId}", match = new { seller = api.Token }, respond = new { http_status = 500 } }))
            .Is(HttpStatusCode.Created);
        Assert.Equal($"r-{api.UserId}", (string)added.Json!.AsArray()[0]!["id"]!);
        (await api.Get("/v1/customers/search")).Is(HttpStatusCode.InternalServerError);
        Assert.Contains((await api.Get("/__admin/rules")).Json!.AsArray(), r => (string)r!["id"]! == $"r-{api.UserId}");

        Assert.Equal(HttpStatusCode.NoContent, (await api.Delete($"/__admin/rules/r-{api.UserId}")).Status);
        (await api.Get("/v1/customers/search")).Is(HttpStatusCode.OK);
        (await api.Delete($"/__admin/rules/r-{api.UserId}")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rule_with_problems_is_refused_with_each_one()
    {
        var reply = await app.Seller().Post("/__admin/rules", new { match = new { path = "/v1/payments" }, respond = new { status = "nope", http_status = 200 }, times = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(3, reply["cause"]!.AsArray().Count);
    }
}
