using System.Net;
using MpEmulator.Testing;
using MpEmulator.Testing.Webhooks;

namespace MerchantSample.Tests;

/// <summary>One emulator for the class, a seller per test.</summary>
public sealed class CheckoutTests(MpEmulatorFixture fixture) : IClassFixture<MpEmulatorFixture>
{
    MpEmulatorServer Mp => fixture.Server;

    [Fact]
    public async Task An_approved_card_pays_the_order()
    {
        var shop = await Shop.Open(Mp);
        var order = shop.Checkout.CreateOrder(120.50m, "Blue mug");

        order = await shop.Checkout.PayWithCardAsync(order.Id, await Mp.CardTokenAsync(shop.Seller, "APRO"), Shop.Buyer);

        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.NotNull(order.PaymentId);
    }

    [Fact]
    public async Task A_card_without_funds_leaves_the_order_unpaid_with_mercado_pagos_reason()
    {
        var shop = await Shop.Open(Mp);
        var order = shop.Checkout.CreateOrder(99m, "Red mug");

        order = await shop.Checkout.PayWithCardAsync(order.Id, await Mp.CardTokenAsync(shop.Seller, "FUND"), Shop.Buyer);

        Assert.Equal(OrderStatus.PaymentFailed, order.Status);
        Assert.Equal("cc_rejected_insufficient_amount", order.FailureReason);
    }

    [Fact]
    public async Task A_pix_paid_later_by_the_buyer_pays_the_order_when_the_checkout_looks_again()
    {
        var shop = await Shop.Open(Mp);
        var order = await shop.Checkout.PayWithPixAsync(shop.Checkout.CreateOrder(35m, "Tea").Id, Shop.Buyer);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.StartsWith("000201", order.PixCode);

        await Mp.Admin.PaymentActionAsync(order.PaymentId!.Value, MpPaymentAction.Approve);

        Assert.Equal(OrderStatus.Paid, (await shop.Checkout.SyncAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Refunding_a_paid_order_gives_the_money_back()
    {
        var shop = await Shop.Open(Mp);
        var order = shop.Checkout.CreateOrder(80m, "Teapot");
        await shop.Checkout.PayWithCardAsync(order.Id, await Mp.CardTokenAsync(shop.Seller), Shop.Buyer);

        Assert.Equal(OrderStatus.Refunded, (await shop.Checkout.RefundAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Two_503s_from_mercado_pago_are_ridden_out_by_retrying_with_the_same_idempotency_key()
    {
        var shop = await Shop.Open(Mp);
        await Mp.Admin.AddRuleAsync(MpRule.For(shop.Seller, "POST", "/v1/payments").Fault(503) with { Times = 2 });
        var order = shop.Checkout.CreateOrder(50m, "Kettle");

        order = await shop.Checkout.PayWithCardAsync(order.Id, await Mp.CardTokenAsync(shop.Seller), Shop.Buyer);

        Assert.Equal(OrderStatus.Paid, order.Status);
        var attempts = (await Mp.Admin.RequestsAsync(shop.Seller, path: "/v1/payments", method: "POST")).Reverse().ToList();
        Assert.Equal([503, 503, 201], attempts.Select(a => a.Status));
        Assert.Single(attempts.Select(a => a.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task The_webhook_handler_accepts_mercado_pagos_signature_and_refuses_a_forged_one()
    {
        var shop = await Shop.Open(Mp);
        var order = await shop.Checkout.PayWithPixAsync(shop.Checkout.CreateOrder(10m, "Biscuits").Id, Shop.Buyer);
        await Mp.Admin.PaymentActionAsync(order.PaymentId!.Value, MpPaymentAction.Approve);
        var id = order.PaymentId.ToString();

        var forged = new WebhookRequest(id, "payment", MpSignature.Sign("guessed-secret", id, "req-1", DateTimeOffset.UtcNow), "req-1");
        Assert.Equal(HttpStatusCode.Unauthorized, await shop.Checkout.HandleWebhookAsync(forged));
        var genuine = new WebhookRequest(id, "payment", MpSignature.Sign(shop.Seller.WebhookSecret, id, "req-2", DateTimeOffset.UtcNow), "req-2");
        Assert.Equal(HttpStatusCode.OK, await shop.Checkout.HandleWebhookAsync(genuine));

        Assert.Equal(OrderStatus.Paid, shop.Checkout.GetOrder(order.Id).Status);
    }
}
