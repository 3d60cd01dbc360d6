using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task A_payment_is_notified_to_its_notification_url_with_mp_body_query_and_a_verifiable_signature()
    {
        await using var receiver = await Receiver.Start();
        var token = Sellers.Fresh();
        await using var app = Hooks.App(("Sellers:0:AccessToken", token), ("Sellers:0:WebhookSecret", "shop_secret_42"));
        var api = app.Seller(token);

        var id = await api.Pay(receiver.Url("/hooks/mp?shop=7"));

        var request = (await receiver.WaitFor(1))[0];
        Assert.Equal($"/hooks/mp?shop=7&data.id={id}&type=payment", request.PathAndQuery);
        Assert.Equal("application/json", request.Header("content-type"));
        Assert.True(Guid.TryParse(request.Header("x-request-id"), out _));
        Assert.True(SignatureVerifier.Verify(request, "shop_secret_42"));
        Assert.False(SignatureVerifier.Verify(request, "another_secret"));
        Assert.Equal(EmulatorApp.Start.ToUnixTimeSeconds(), SignatureVerifier.Timestamp(request.Header("x-signature")));

        var delivery = await app.DeliveryWhen(id, d => d.Status() == "delivered");
        Assert.Equal(
            $$$"""{"id":{{{delivery["id"]}}},"live_mode":false,"type":"payment","date_created":"2026-03-10T11:00:00.000-04:00","user_id":{{{api.UserId}}},"api_version":"v1","action":"payment.created","data":{"id":"{{{id}}}"}}""",
            request.Body);
        var attempt = delivery.Attempts().Single()!;
        Assert.Equal(200, (int)attempt["status_code"]!);
        Assert.Equal("ok", (string)attempt["response_body"]!);
        Assert.Equal(request.Header("x-request-id"), (string)attempt["request_id"]!);
        Assert.Equal(request.Header("x-signature"), (string)attempt["signature"]!);
        Assert.Equal("shop_secret_42", (string)delivery["secret"]!);
        Assert.Null(delivery["next_attempt_at"]);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_seller_registered_by_a_fixture_is_notified_at_its_url_and_signed_with_its_secret()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();
        var token = Sellers.Fresh();
        var fixture = new { sellers = new[] { new { access_token = token, webhook_secret = "fixture_secret_7", notification_url = receiver.Url("/fixture-seller") } } };
        (await app.Seller().Post("/__admin/fixtures", fixture)).Is(HttpStatusCode.Created);

        var id = await app.Seller(token).Pay();

        var request = (await receiver.WaitFor(1))[0];
        Assert.Equal($"/fixture-seller?data.id={id}&type=payment", request.PathAndQuery);
        Assert.True(SignatureVerifier.Verify(request, "fixture_secret_7"));
    }

    [Fact]
    public async Task A_captured_authorization_is_notified_created_then_updated_even_when_created_needs_a_retry()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();
        var api = app.Seller();
        receiver.FailNext(1);

        var id = await api.Pay(receiver.Url(), capture: false);
        (await api.Put($"/v1/payments/{id}", new { capture = true })).Is(HttpStatusCode.OK);

        var waiting = await app.DeliveriesWhen($"payment_id={id}", list => list.Count == 2 && list[0].Attempts().Count == 1);
        Assert.Empty(waiting[1].Attempts());
        Assert.Single(receiver.Requests);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.DeliveriesWhen($"payment_id={id}", list => list.All(d => d.Status() == "delivered"));
        (await api.Post($"/v1/payments/{id}/refunds", null)).Is(HttpStatusCode.Created);
        await app.DeliveriesWhen($"payment_id={id}", list => list.Count == 3 && list.All(d => d.Status() == "delivered"));

        var actions = receiver.Requests.Select(r => (string)JsonNode.Parse(r.Body)!["action"]!).ToArray();
        Assert.Equal(["payment.created", "payment.created", "payment.updated", "payment.updated"], actions);
    }

    [Fact]
    public async Task A_500_is_retried_after_1_5_and_30_seconds_of_the_emulator_clock_and_stops_at_the_first_200()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();
        receiver.FailNext(3);

        var id = await app.Seller().Pay(receiver.Url());

        var waits = new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30) };
        for (var failed = 1; failed <= waits.Length; failed++)
        {
            var pending = await app.DeliveryWhen(id, d => d.Attempts().Count == failed);
            Assert.Equal("pending", pending.Status());
            Assert.Equal(500, (int)pending.Attempts()[failed - 1]!["status_code"]!);
            Assert.Equal(Hooks.Mp(app.Clock.GetUtcNow() + waits[failed - 1]), (string)pending["next_attempt_at"]!);
            app.Clock.Advance(waits[failed - 1]);
        }

        var delivered = await app.DeliveryWhen(id, d => d.Status() == "delivered");
        var attempts = delivered.Attempts();
        Assert.Equal([500, 500, 500, 200], attempts.Select(a => (int)a!["status_code"]!));
        Assert.Equal([0, 1, 6, 36], attempts.Select(a => (DateTimeOffset.Parse((string)a!["at"]!) - EmulatorApp.Start).TotalSeconds));
        Assert.Null(delivered["next_attempt_at"]);
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Equal(4, receiver.Requests.Select(r => r.Header("x-request-id")).Distinct().Count());
        var bodies = receiver.Requests.Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.Equal((long)delivered["id"]!, (long)bodies[0]["id"]!);
        Assert.Equal(4, bodies.Select(b => (long)b["id"]!).Distinct().Count());
        Assert.Equal(bodies.Select(b => (long)b["id"]!), attempts.Select(a => (long)a!["notification_id"]!));
        foreach (var body in bodies) body.Remove("id");
        Assert.Single(bodies.Select(b => b.ToJsonString()).Distinct());
    }

    [Fact]
    public async Task A_delivery_is_failed_once_the_retry_schedule_runs_out()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App(("Webhooks:Retries", "1s, 2s"));
        receiver.FailNext(int.MaxValue);

        var id = await app.Seller().Pay(receiver.Url());
        await app.DeliveryWhen(id, d => d.Attempts().Count == 1);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.DeliveryWhen(id, d => d.Attempts().Count == 2);
        app.Clock.Advance(TimeSpan.FromSeconds(2));

        var failed = await app.DeliveryWhen(id, d => d.Status() == "failed");
        Assert.Equal(3, failed.Attempts().Count);
        Assert.Null(failed["next_attempt_at"]);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_seller_with_no_url_anywhere_gets_no_delivery()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();
        var silent = app.Seller();
        var other = app.Seller();

        await silent.Pay();
        var later = await other.Pay(receiver.Url());

        // Events are handled in order, so once the later payment has its delivery the earlier one was considered.
        await app.DeliveryWhen(later, _ => true);
        Assert.Empty(await app.Deliveries($"seller={silent.UserId}"));
    }

    [Fact]
    public async Task The_sellers_configured_url_is_used_with_a_stable_derived_secret_and_the_payments_own_url_wins()
    {
        await using var receiver = await Receiver.Start();
        var token = Sellers.Fresh();
        await using var app = Hooks.App(("Sellers:0:AccessToken", token), ("Sellers:0:NotificationUrl", receiver.Url("/seller")));
        var api = app.Seller(token);

        var first = await api.Pay();
        var second = await api.Pay();
        var own = await api.Pay(receiver.Url("/own"));

        // Different payments are delivered concurrently, so their arrival order is not fixed.
        var requests = (await receiver.WaitFor(3)).OrderBy(r => long.Parse(r.Query["data.id"])).ToList();
        Assert.Equal(["/seller", "/seller", "/own"], requests.Select(r => r.PathAndQuery.Split('?')[0]));
        var secrets = new List<string>();
        foreach (var (id, request) in new[] { first, second, own }.Zip(requests))
        {
            var secret = (string)(await app.DeliveryWhen(id, d => d.Status() == "delivered"))["secret"]!;
            Assert.Matches("^[0-9a-f]{64}$", secret);
            Assert.True(SignatureVerifier.Verify(request, secret));
            secrets.Add(secret);
        }
        Assert.Single(secrets.Distinct());
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task The_emulator_wide_url_catches_sellers_that_name_none()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App(("Webhooks:Url", receiver.Url("/everyone")));

        var id = await app.Seller().Pay();

        Assert.Equal($"/everyone?data.id={id}&type=payment", (await receiver.WaitFor(1))[0].PathAndQuery);
    }

    [Fact]
    public async Task A_url_asking_for_source_news_ipn_gets_the_older_topic_and_id_form()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();

        var id = await app.Seller().Pay(receiver.Url("/ipn?source_news=ipn"));

        var request = (await receiver.WaitFor(1))[0];
        Assert.Equal($"/ipn?source_news=ipn&topic=payment&id={id}", request.PathAndQuery);
        Assert.Equal($$"""{"resource":"{{id}}","topic":"payment"}""", request.Body);
        var delivery = await app.DeliveryWhen(id, d => d.Status() == "delivered");
        Assert.Equal("ipn", (string)delivery["form"]!);
    }
}
