using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Webhooks;

public sealed class WebhookAdminTests
{
    [Fact]
    public async Task Replay_sends_the_same_body_with_a_new_request_id_timestamp_and_signature()
    {
        await using var receiver = await Receiver.Start();
        var token = Sellers.Fresh();
        await using var app = Hooks.App(("Sellers:0:AccessToken", token), ("Sellers:0:WebhookSecret", "replay_secret"));
        var id = await app.Seller(token).Pay(receiver.Url());
        var original = await app.DeliveryWhen(id, d => d.Status() == "delivered");
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var reply = await app.CreateClient().PostAsync($"/__admin/webhooks/{original["id"]}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var replay = JsonNode.Parse(await reply.Content.ReadAsStringAsync())!;
        Assert.Equal((long)original["id"]!, (long)replay["replay_of"]!);
        var (first, second) = (await receiver.WaitFor(2)) switch { var r => (r[0], r[1]) };
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.PathAndQuery, second.PathAndQuery);
        Assert.NotEqual(first.Header("x-request-id"), second.Header("x-request-id"));
        Assert.Equal(SignatureVerifier.Timestamp(first.Header("x-signature")) + 60, SignatureVerifier.Timestamp(second.Header("x-signature")));
        Assert.True(SignatureVerifier.Verify(second, "replay_secret"));
        await app.DeliveriesWhen($"payment_id={id}", list => list.Count == 2 && list.All(d => d.Status() == "delivered"));
        Assert.Single((await app.Deliveries($"payment_id={id}"))[0].Attempts());
    }

    [Fact]
    public async Task A_test_send_delivers_a_signed_sample_payment_notification()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();

        var reply = await app.CreateClient().PostAsJsonAsync("/__admin/webhooks/test", new { url = receiver.Url("/try"), seller = 555000111 });

        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        var request = (await receiver.WaitFor(1))[0];
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(("payment.updated", "123456", 555000111L), ((string)body["action"]!, (string)body["data"]!["id"]!, (long)body["user_id"]!));
        var delivery = (await app.DeliveriesWhen("seller=555000111", l => l.Count == 1 && l[0].Status() == "delivered"))[0];
        Assert.Equal("test", (string)delivery["source"]!);
        Assert.True(SignatureVerifier.Verify(request, (string)delivery["secret"]!));
    }

    [Fact]
    public async Task A_test_send_without_a_usable_url_is_a_400()
    {
        await using var app = Hooks.App();
        var reply = await app.CreateClient().PostAsJsonAsync("/__admin/webhooks/test", new { url = "not a url" });
        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
    }

    [Fact]
    public async Task The_log_keeps_response_bodies_cut_to_2_KiB()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();
        receiver.Reply = new string('x', 5000);

        var id = await app.Seller().Pay(receiver.Url());

        var delivery = await app.DeliveryWhen(id, d => d.Status() == "delivered");
        Assert.Equal(new string('x', 2048), (string)delivery.Attempts()[0]!["response_body"]!);
    }

    [Fact]
    public async Task Admin_routes_need_no_token_live_outside_v1_and_answer_404_for_an_unknown_delivery()
    {
        await using var app = Hooks.App();
        var http = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/__admin/webhooks")).StatusCode);
        var missing = await http.GetAsync("/__admin/webhooks/1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (string)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/__admin/webhooks/1/replay", null)).StatusCode);

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Where(r => r.Contains("webhooks")).ToList();
        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.StartsWith("/__admin/webhooks", r));
    }
}
