using System.Diagnostics;
using MerchantSample;
using MpEmulator.Testing;

// Start-up: the first server in a process pays for JIT and loading; a test suite pays that once.
var clock = Stopwatch.StartNew();
var first = await MpEmulatorServer.StartAsync();
Console.WriteLine($"first start-up        {clock.ElapsedMilliseconds,6} ms");
await first.DisposeAsync();

var starts = new List<double>();
for (var i = 0; i < 20; i++)
{
    clock.Restart();
    var server = await MpEmulatorServer.StartAsync();
    starts.Add(clock.Elapsed.TotalMilliseconds);
    await server.DisposeAsync();
}
starts.Sort();
Console.WriteLine($"next 20 start-ups     median {starts[10],4:0} ms, fastest {starts[0]:0} ms, slowest {starts[^1]:0} ms");

// 200 tests on one server, each with a seller of its own, each a checkout as MerchantSample.Tests does it:
// a seller, a card token, an approved payment, a refund.
await using var mp = await MpEmulatorServer.StartAsync();
await Tests(1, 20); // warm-up, not counted
foreach (var parallel in new[] { 1, 4 })
{
    clock.Restart();
    await Tests(parallel, 200);
    Console.WriteLine($"200 tests, {parallel} at a time {clock.ElapsedMilliseconds,6} ms ({clock.Elapsed.TotalMilliseconds / 200:0.0} ms a test)");
}

async Task Tests(int parallel, int count) =>
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, _) =>
    {
        var seller = await mp.NewSellerAsync();
        var checkout = new Checkout(new MercadoPago(mp.CreateHttpClient(), seller.AccessToken), new CheckoutSettings(seller.AccessToken, seller.WebhookSecret), new Orders());
        var order = checkout.CreateOrder(100m, "Measured mug");
        order = await checkout.PayWithCardAsync(order.Id, await mp.CardTokenAsync(seller), "test_user_123456@testuser.com");
        if (order.Status != OrderStatus.Paid || (await checkout.RefundAsync(order.Id)).Status != OrderStatus.Refunded)
            throw new Exception($"order {order.Id} ended {order.Status}");
    });
