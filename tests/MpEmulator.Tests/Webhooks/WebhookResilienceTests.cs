using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Webhooks;

public sealed class WebhookResilienceTests
{
    [Fact]
    public async Task A_receiver_that_hangs_does_not_hold_up_the_api()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App(("Webhooks:TimeoutSeconds", "30"));
        var api = app.Seller();
        receiver.Hang = true;

        var first = await api.Pay(receiver.Url());
        await receiver.WaitFor(1);

        var second = await api.Pay(receiver.Url());
        (await api.Get($"/v1/payments/{first}")).Is(HttpStatusCode.OK);
        // The first notification is still unanswered: no attempt is recorded until the receiver replies or times out.
        Assert.Empty((await app.Deliveries($"payment_id={first}")).Single().Attempts());
        Assert.True(receiver.Open >= 1);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_gets_a_timeout_attempt_and_a_retry()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App(("Webhooks:TimeoutSeconds", "0.5"));
        receiver.Hang = true;

        var id = await app.Seller().Pay(receiver.Url());

        var timedOut = await app.DeliveryWhen(id, d => d.Attempts().Count == 1);
        var attempt = timedOut.Attempts()[0]!;
        Assert.Null(attempt["status_code"]);
        Assert.Equal("no answer within 0.5 s", (string)attempt["error"]!);
        Assert.Equal("pending", timedOut.Status());

        Assert.Equal(Hooks.Mp(EmulatorApp.Start.AddSeconds(1)), (string)timedOut["next_attempt_at"]!);

        receiver.Hang = false;
        Assert.Equal("delivered", (await app.Settled(id)).Status());
    }

    [Fact]
    public async Task Moving_the_admin_clock_past_a_retry_sends_it()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();
        receiver.FailNext(1);
        var id = await app.Seller().Pay(receiver.Url());
        await app.DeliveryWhen(id, d => d.Attempts().Count == 1);

        (await app.Seller().Post("/__admin/clock/advance", new { duration = "PT2S" })).Is(HttpStatusCode.OK);

        var delivered = await app.DeliveryWhen(id, d => d.Status() == "delivered");
        Assert.Equal(2, delivered.Attempts().Count);
    }

    [Fact]
    public async Task Pending_deliveries_survive_a_restart()
    {
        await using var receiver = await Receiver.Start();
        var db = Path.Combine(Path.GetTempPath(), $"mpemulator-hooks-{Guid.NewGuid():N}.db");
        (string, string?)[] settings = [("InMemory", "false"), ("Db", db)];
        long id;
        try
        {
            receiver.FailNext(1);
            await using (var before = Hooks.App(settings))
            {
                id = await before.Seller().Pay(receiver.Url());
                await before.DeliveryWhen(id, d => d.Attempts().Count == 1);
            }

            await using var after = Hooks.App(settings);
            after.Clock.Advance(TimeSpan.FromSeconds(1));
            var delivered = await after.DeliveryWhen(id, d => d.Status() == "delivered");
            Assert.Equal(2, delivered.Attempts().Count);
            Assert.Equal(2, receiver.Requests.Count);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(db)!, Path.GetFileNameWithoutExtension(db) + "*")) File.Delete(file);
        }
    }
}
