using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;
using MpEmulator.Tests.Webhooks;

namespace MpEmulator.Tests.Orders;

/// <summary>An order's changes are notified on the <c>order</c> topic, signed like payment notifications, next to the
/// notifications of the payment charged for it.</summary>
public sealed class OrderWebhookTests
{
    [Fact]
    public async Task An_order_is_notified_on_the_order_topic_with_a_verifiable_signature_as_it_changes()
    {
        await using var receiver = await Receiver.Start();
        var token = Sellers.Fresh();
        await using var app = Hooks.App(("Sellers:0:AccessToken", token), ("Sellers:0:WebhookSecret", "shop_secret_42"),
            ("Sellers:0:NotificationUrl", receiver.Url("/hooks")));
        var api = app.Seller(token);

        var order = (await Ord.CardOrder(api, captureMode: "manual")).Created();
        var created = (await receiver.WaitFor(2)).Single(r => r.Query.GetValueOrDefault("type") == "order");
        Assert.Equal($"/hooks?data.id={order.Id()}&type=order", created.PathAndQuery);
        Assert.True(SignatureVerifier.Verify(created, "shop_secret_42"));
        var body = JsonNode.Parse(created.Body)!;
        Assert.Equal(("order", "order.action_required", "v1"), ((string?)body["type"], (string?)body["action"], (string?)body["api_version"]));
        Assert.Equal(api.UserId.ToString(), (string?)body["user_id"]);
        Assert.False((bool)body["live_mode"]!);
        Assert.Equal(order.Id(), (string?)body["data"]!["id"]);
        Assert.Equal(("action_required", "waiting_capture"), body["data"]!.Status());
        Assert.Equal((string?)order.Payment()["id"], (string?)body["data"]!["transactions"]!["payments"]![0]!["id"]);

        (await api.Post($"/v1/orders/{order.Id()}/capture", null)).Ok();
        var captured = JsonNode.Parse((await receiver.WaitFor(4)).Last(r => r.Query.GetValueOrDefault("type") == "order").Body)!;
        Assert.Equal("order.processed", (string?)captured["action"]);
        Assert.Equal(("processed", "accredited"), captured["data"]!.Status());

        (await api.Post($"/v1/orders/{order.Id()}/refund", null)).Created();
        var refunded = JsonNode.Parse((await receiver.WaitFor(6)).Last(r => r.Query.GetValueOrDefault("type") == "order").Body)!;
        Assert.Equal("order.refunded", (string?)refunded["action"]);
        Assert.Equal(("refunded", "refunded"), refunded["data"]!.Status());
    }

    [Fact]
    public async Task A_declined_order_is_notified_as_failed()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App(("Webhooks:Url", receiver.Url("/hooks")));
        await Ord.CardOrder(app.Seller(), "FUND");

        var order = JsonNode.Parse((await receiver.WaitFor(2)).Single(r => r.Query.GetValueOrDefault("type") == "order").Body)!;
        Assert.Equal("order.failed", (string?)order["action"]);
        Assert.Equal(("failed", "insufficient_amount"), order["data"]!["transactions"]!["payments"]![0]!.Status());
    }
}
