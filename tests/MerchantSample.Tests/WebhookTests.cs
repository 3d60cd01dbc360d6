using System.Net;
using MpEmulator.Testing;
using MpEmulator.Testing.Webhooks;

namespace MerchantSample.Tests;

/// <summary>Mercado Pago's notifications end to end: the emulator posts to an inbox, the test hands each delivery to
/// the checkout's handler as the merchant's web framework would.</summary>
public sealed class WebhookTests(MpEmulatorFixture fixture) : IClassFixture<MpEmulatorFixture>
{
    MpEmulatorServer Mp => fixture.Server;

    static WebhookRequest AsReceived(MpWebhookDelivery d) => new(d.DataId, d.Type, d.SignatureHeader, d.RequestId);

    [Fact]
    public async Task A_pix_paid_later_is_announced_by_a_signed_webhook_that_marks_the_order_paid()
    {
        var inbox = Mp.Webhooks.NewInbox();
        var shop = await Shop.Open(Mp, notificationUrl: inbox.Url);
        var order = await shop.Checkout.PayWithPixAsync(shop.Checkout.CreateOrder(35m, "Tea").Id, Shop.Buyer);

        await Mp.Admin.PaymentActionAsync(order.PaymentId!.Value, MpPaymentAction.Approve);
        var delivery = await inbox.NextAsync("payment.updated", order.PaymentId.Value);

        Assert.Equal(MpSignatureVerdict.Valid, delivery.Signature);
        Assert.Equal(HttpStatusCode.OK, await shop.Checkout.HandleWebhookAsync(AsReceived(delivery)));
        Assert.Equal(OrderStatus.Paid, shop.Checkout.GetOrder(order.Id).Status);
    }

    [Fact]
    public async Task A_card_payment_is_announced_once_as_created_and_the_emulator_logs_the_delivery()
    {
        var inbox = Mp.Webhooks.NewInbox();
        var shop = await Shop.Open(Mp, notificationUrl: inbox.Url);
        var order = shop.Checkout.CreateOrder(42m, "Cups");
        order = await shop.Checkout.PayWithCardAsync(order.Id, await Mp.CardTokenAsync(shop.Seller), Shop.Buyer);

        var delivery = await inbox.NextAsync("payment.created", order.PaymentId!.Value);

        Assert.True(delivery.SignatureValid, $"signature {delivery.Signature}: {delivery.SignatureHeader}");
        Assert.Equal(shop.Seller.UserId, delivery.UserId);
        Assert.Equal(HttpStatusCode.OK, await shop.Checkout.HandleWebhookAsync(AsReceived(delivery)));
        Assert.Contains(await Mp.Webhooks.DeliveriesAsync(shop.Seller, order.PaymentId), d => ((string?)d["url"])?.StartsWith(inbox.Url + "?") == true);
    }
}

/// <summary>The README's example, word for word, so it keeps compiling and stays true.</summary>
public sealed class ReadmeExample
{
    [Fact]
    public async Task Runs()
    {
        await using var mp = await MpEmulatorServer.StartAsync(new MpEmulatorOptions { Seed = 42 });
        var seller = await mp.NewSellerAsync(site: "MLB");               // own access token, public key and webhook secret
        var inbox = mp.Webhooks.NewInbox();                              // a local notification_url
        var checkout = new Checkout(new MercadoPago(mp.CreateHttpClient(), seller.AccessToken),   // your code, unchanged
            new CheckoutSettings(seller.AccessToken, seller.WebhookSecret, inbox.Url), new Orders());
        var order = await checkout.PayWithCardAsync(checkout.CreateOrder(100m, "Mug").Id, await mp.CardTokenAsync(seller, "FUND"), "buyer@testuser.com");
        Assert.Equal("cc_rejected_insufficient_amount", order.FailureReason);
        var webhook = await inbox.NextAsync(TimeSpan.FromSeconds(5));    // signature already checked with the seller's secret
        Assert.True(webhook.SignatureValid);
        await mp.Admin.AdvanceClockAsync(TimeSpan.FromDays(6));          // authorizations lapse, Pix expires
    }
}
