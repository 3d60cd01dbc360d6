using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Tests.Support;
using MpEmulator.Tests.Webhooks;

namespace MpEmulator.Tests.Payments;

/// <summary>Time is eager: what a deadline does is stored, and notified, when the deadline passes, whether or not
/// anything reads the payment; reads only show it.</summary>
public sealed class SchedulerTests
{
    [Fact]
    public async Task A_pix_expires_and_is_notified_when_its_deadline_passes_with_nobody_reading_it()
    {
        await using var receiver = await Receiver.Start();
        await using var app = Hooks.App();
        var api = app.Seller();
        var id = (long)(await api.Post("/v1/payments", new
        {
            transaction_amount = 10, payment_method_id = "pix", notification_url = receiver.Url("/hooks"),
            payer = new { email = "test_payer_1@testuser.com" },
        })).Is(HttpStatusCode.Created)["id"]!;
        await receiver.WaitFor(1);

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var updated = (await receiver.WaitFor(2))[1];
        Assert.Contains("\"action\":\"payment.updated\"", updated.Body);
        var stored = app.Services.GetRequiredService<Store>().AnyPayment(id)!;
        Assert.Equal(("cancelled", "expired"), (stored.Status, stored.StatusDetail));
    }

    [Fact]
    public async Task Moving_the_admin_clock_stores_what_time_did_before_it_answers()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var id = (long)(await api.Post("/v1/payments", new
        {
            transaction_amount = 100, token = await api.CardToken("APRO"), installments = 1, payment_method_id = "master",
            capture = false, payer = new { email = "test_payer_1@testuser.com" },
        })).Is(HttpStatusCode.Created)["id"]!;
        var store = app.Services.GetRequiredService<Store>();
        Assert.Equal("authorized", store.AnyPayment(id)!.Status);

        (await api.Post("/__admin/clock/advance", new { duration = "P8D" })).Is(HttpStatusCode.OK);

        Assert.Equal(("cancelled", "expired"), (store.AnyPayment(id)!.Status, store.AnyPayment(id)!.StatusDetail));
        Assert.Equal(["payment.created", "payment.updated"], store.EventsOf(id).Select(e => e.Action));
    }

    [Fact]
    public async Task A_read_after_a_deadline_shows_what_time_did_without_storing_it()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var id = (long)(await api.Post("/v1/payments", new
        {
            transaction_amount = 10, payment_method_id = "pix", payer = new { email = "test_payer_1@testuser.com" },
        })).Is(HttpStatusCode.Created)["id"]!;
        var store = app.Services.GetRequiredService<Store>();
        var before = store.AnyPayment(id);

        var expired = store.For(new Seller(api.UserId, "MLB", null, null, null, null))
            .Current(id.ToString(), EmulatorApp.Start + TimeSpan.FromDays(2));

        Assert.Equal("cancelled", expired.Status);
        Assert.Same(before, store.AnyPayment(id));
    }
}
