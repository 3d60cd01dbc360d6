using MpEmulator.Testing;

namespace MerchantSample.Tests;

/// <summary>A checkout wired to the emulator as production wires it to Mercado Pago: only the HttpClient differs.</summary>
sealed record Shop(Checkout Checkout, MpSeller Seller)
{
    public const string Buyer = "test_user_123456@testuser.com";

    public static async Task<Shop> Open(MpEmulatorServer mp, string? notificationUrl = null)
    {
        var seller = await mp.NewSellerAsync(site: "MLB");
        var mercadoPago = new MercadoPago(mp.CreateHttpClient(), seller.AccessToken, retryDelay: TimeSpan.FromMilliseconds(10));
        return new Shop(new Checkout(mercadoPago, new CheckoutSettings(seller.AccessToken, seller.WebhookSecret, notificationUrl), new Orders()), seller);
    }
}
