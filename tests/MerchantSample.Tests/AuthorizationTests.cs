using MpEmulator.Testing;

namespace MerchantSample.Tests;

/// <summary>Moves the emulator's clock, which every seller on the server shares: so a server for this class alone.</summary>
public sealed class AuthorizationTests(MpEmulatorFixture fixture) : IClassFixture<MpEmulatorFixture>
{
    MpEmulatorServer Mp => fixture.Server;

    [Fact]
    public async Task An_authorization_not_captured_within_five_days_expires_and_the_order_with_it()
    {
        var shop = await Shop.Open(Mp);
        var order = shop.Checkout.CreateOrder(300m, "Espresso machine");
        order = await shop.Checkout.PayWithCardAsync(order.Id, await Mp.CardTokenAsync(shop.Seller), Shop.Buyer, capture: false);
        Assert.Equal(OrderStatus.Authorized, order.Status);

        await Mp.Admin.AdvanceClockAsync(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));

        Assert.Equal(OrderStatus.Expired, (await shop.Checkout.CaptureAsync(order.Id)).Status);
    }

    [Fact]
    public async Task An_authorization_captured_in_time_pays_the_order()
    {
        var shop = await Shop.Open(Mp);
        var order = shop.Checkout.CreateOrder(300m, "Grinder");
        await shop.Checkout.PayWithCardAsync(order.Id, await Mp.CardTokenAsync(shop.Seller), Shop.Buyer, capture: false);

        await Mp.Admin.AdvanceClockAsync(TimeSpan.FromDays(4));

        Assert.Equal(OrderStatus.Paid, (await shop.Checkout.CaptureAsync(order.Id)).Status);
    }
}
