using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Webhooks;

/// <summary>A retry further away than a timer can wait (about 49 days) used to throw in the dispatcher's wait and stop
/// the host (issue 13, item 1). The wait is capped and looked at again; deliveries go on.</summary>
public sealed class FarRetryTests
{
    [Fact]
    public async Task A_retry_50_days_away_leaves_the_dispatcher_delivering()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App(("Webhooks:Retries", "1200h"));
        var api = app.Seller();
        receiver.FailNext(1);

        var first = await api.Pay(receiver.Url("/first"));
        var waiting = await app.DeliveryWhen(first, d => d.Attempts().Count == 1);
        Assert.Equal("pending", waiting.Status());

        var second = await api.Pay(receiver.Url("/second"));
        Assert.Equal("delivered", (await app.DeliveryWhen(second, d => d.Status() == "delivered")).Status());
    }
}
