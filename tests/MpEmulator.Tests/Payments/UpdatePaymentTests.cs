using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

public sealed class UpdatePaymentTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    string Now(TimeSpan plus = default) =>
        (app.Clock.GetUtcNow() + plus).ToOffset(TimeSpan.FromHours(-4)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");

    async Task<(Api Api, long Id)> Authorized(decimal amount = 100m)
    {
        var api = app.Seller();
        var reply = (await Pay.Card(api, "APRO", amount, capture: false)).Is(HttpStatusCode.Created);
        Assert.Equal("authorized", (string)reply["status"]!);
        return (api, reply.Id());
    }

    [Fact]
    public async Task Capturing_an_authorization_approves_the_whole_amount()
    {
        var (api, id) = await Authorized(100m);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var reply = (await api.Put($"/v1/payments/{id}", new { capture = true })).Is(HttpStatusCode.OK);

        Assert.Equal(("approved", "accredited"), ((string)reply["status"]!, (string)reply["status_detail"]!));
        Assert.True((bool)reply["captured"]!);
        Assert.Equal(100m, (decimal)reply["transaction_amount"]!);
        Assert.Equal(Now(), (string)reply["date_approved"]!);
        Assert.Equal(Now(), (string)reply["date_last_updated"]!);
        Assert.NotEqual(Now(), (string)reply["date_created"]!);
        Assert.Equal("mercadopago_fee", (string)reply["fee_details"]![0]!["type"]!);

        var stored = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal("approved", (string)stored["status"]!);
    }

    [Fact]
    public async Task Capturing_less_than_authorized_makes_the_captured_amount_the_transaction_amount()
    {
        var (api, id) = await Authorized(110m);
        var reply = (await api.Put($"/v1/payments/{id}", new { capture = true, transaction_amount = 40.5m })).Is(HttpStatusCode.OK);

        Assert.Equal("approved", (string)reply["status"]!);
        Assert.True((bool)reply["captured"]!);
        Assert.Equal(40.5m, (decimal)reply["transaction_amount"]!);
        var fee = (decimal)reply["fee_details"]![0]!["amount"]!;
        Assert.Equal(40.5m - fee, (decimal)reply["transaction_details"]!["net_received_amount"]!);
        Assert.Equal(40.5m, (decimal)reply["transaction_details"]!["total_paid_amount"]!);
        Assert.NotNull(reply["date_approved"]);
    }

    [Fact]
    public async Task Capturing_more_than_authorized_is_2017_and_changes_nothing()
    {
        var (api, id) = await Authorized(100m);
        (await api.Put($"/v1/payments/{id}", new { capture = true, transaction_amount = 100.01m })).IsError(400, 2017);
        var stored = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal("authorized", (string)stored["status"]!);
        Assert.Equal(100m, (decimal)stored["transaction_amount"]!);
    }

    [Theory]
    [InlineData("authorized")]
    [InlineData("pix")]
    [InlineData("contingency")]
    public async Task Cancelling_an_open_payment_makes_it_cancelled_by_collector(string kind)
    {
        var api = app.Seller();
        var created = kind switch
        {
            "authorized" => await Pay.Card(api, "APRO", capture: false),
            "pix" => await Pay.Pix(api),
            _ => await Pay.Card(api, "CONT"),
        };
        Assert.Contains((string)created.Is(HttpStatusCode.Created)["status"]!, new[] { "authorized", "pending", "in_process" });

        var reply = (await api.Put($"/v1/payments/{created.Id()}", new { status = "cancelled" })).Is(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "by_collector"), ((string)reply["status"]!, (string)reply["status_detail"]!));
        Assert.Equal(kind != "authorized", (bool)reply["captured"]!);
        Assert.Null(reply["date_approved"]);
    }

    /// <summary>Cancelling never flips <c>captured</c>: an authorization was never captured, a Pix was created captured
    /// (contract §6.5, §8.3), and a Pix the seller cancels reads like one that expired.</summary>
    [Fact]
    public async Task A_pix_cancelled_by_the_seller_and_one_that_expired_agree_on_captured()
    {
        var api = app.Seller();
        var cancelled = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        var expired = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        (await api.Put($"/v1/payments/{cancelled}", new { status = "cancelled" })).Is(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(25));

        var byCollector = (await api.Get($"/v1/payments/{cancelled}")).Is(HttpStatusCode.OK);
        var byTime = (await api.Get($"/v1/payments/{expired}")).Is(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "expired"), ((string)byTime["status"]!, (string)byTime["status_detail"]!));
        Assert.True((bool)byCollector["captured"]!);
        Assert.True((bool)byTime["captured"]!);
    }

    [Fact]
    public async Task The_sdk_cancel_body_with_capture_false_also_cancels()
    {
        var (api, id) = await Authorized();
        var reply = (await api.Put($"/v1/payments/{id}", new { capture = false, status = "cancelled" })).Is(HttpStatusCode.OK);
        Assert.Equal("cancelled", (string)reply["status"]!);
    }

    async Task<(Api Api, long Id)> InStatus(string status)
    {
        var api = app.Seller();
        switch (status)
        {
            case "approved":
                return (api, (await Pay.Card(api, "APRO")).Is(HttpStatusCode.Created).Id());
            case "rejected":
                return (api, (await Pay.Card(api, "FUND")).Is(HttpStatusCode.Created).Id());
            case "cancelled":
                var authorized = (await Pay.Card(api, "APRO", capture: false)).Is(HttpStatusCode.Created).Id();
                (await api.Put($"/v1/payments/{authorized}", new { status = "cancelled" })).Is(HttpStatusCode.OK);
                return (api, authorized);
            default:
                var approved = (await Pay.Card(api, "APRO")).Is(HttpStatusCode.Created).Id();
                (await api.Post($"/v1/payments/{approved}/refunds", null)).Is(HttpStatusCode.Created);
                return (api, approved);
        }
    }

    public static TheoryData<string, string> ClosedStatusesAndActions()
    {
        var data = new TheoryData<string, string>();
        foreach (var status in new[] { "approved", "rejected", "cancelled", "refunded" })
            foreach (var action in new[] { "capture", "partial_capture", "cancel", "expiration" })
                data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(ClosedStatusesAndActions))]
    public async Task Capture_cancel_or_a_new_expiry_on_a_settled_payment_is_2018(string status, string action)
    {
        var (api, id) = await InStatus(status);
        var before = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(status, (string)before["status"]!);

        object body = action switch
        {
            "capture" => new { capture = true },
            "partial_capture" => new { capture = true, transaction_amount = 10m },
            "cancel" => new { status = "cancelled" },
            _ => new { date_of_expiration = Now(TimeSpan.FromDays(2)) },
        };
        (await api.Put($"/v1/payments/{id}", body)).IsError(400, 2018);

        var after = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(before.Body, after.Body);
    }

    [Fact]
    public async Task A_non_boolean_capture_is_2078()
    {
        var (api, id) = await Authorized();
        (await api.Put($"/v1/payments/{id}", new { capture = "yes" })).IsError(400, 2078);
    }

    [Fact]
    public async Task Capture_false_alone_is_2079()
    {
        var (api, id) = await Authorized();
        (await api.Put($"/v1/payments/{id}", new { capture = false })).IsError(400, 2079);
        Assert.Equal("authorized", (string)(await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("refunded")]
    [InlineData("pending")]
    public async Task Setting_any_status_but_cancelled_is_2016(string status)
    {
        var (api, id) = await Authorized();
        (await api.Put($"/v1/payments/{id}", new { status })).IsError(400, 2016);
    }

    [Fact]
    public async Task An_unknown_field_in_an_update_is_code_8()
    {
        var (api, id) = await Authorized();
        var reply = (await api.Put($"/v1/payments/{id}", new { capture = true, colour = "blue" })).IsError(400, 8);
        Assert.Contains("[colour]", (string)reply["message"]!);
        Assert.Equal("authorized", (string)(await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task Metadata_can_be_replaced_and_is_kept()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["metadata"] = new { order_id = 1 };
        var id = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created).Id();

        var reply = (await api.Put($"/v1/payments/{id}", new { metadata = new { order_id = 2, note = "gift" } })).Is(HttpStatusCode.OK);
        Assert.Equal(2, (int)reply["metadata"]!["order_id"]!);
        Assert.Equal("approved", (string)reply["status"]!);

        var stored = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal("gift", (string)stored["metadata"]!["note"]!);
    }

    [Fact]
    public async Task A_pending_pix_gets_a_new_expiration_date_and_lives_until_then()
    {
        var api = app.Seller();
        var id = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        var newDate = Now(TimeSpan.FromDays(3));

        var reply = (await api.Put($"/v1/payments/{id}", new { date_of_expiration = newDate })).Is(HttpStatusCode.OK);
        Assert.Equal(newDate, (string)reply["date_of_expiration"]!);
        Assert.Equal("pending", (string)reply["status"]!);

        app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal("pending", (string)(await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var expired = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "expired"), ((string)expired["status"]!, (string)expired["status_detail"]!));
    }

    [Fact]
    public async Task A_past_expiration_date_expires_the_pending_pix_now_and_the_next_read_agrees()
    {
        var api = app.Seller();
        var id = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        var past = Now(-TimeSpan.FromHours(1));

        var reply = (await api.Put($"/v1/payments/{id}", new { date_of_expiration = past })).Is(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "expired"), ((string)reply["status"]!, (string)reply["status_detail"]!));
        Assert.Equal(past, (string)reply["date_of_expiration"]!);
        Assert.Equal(Now(), (string)reply["date_last_updated"]!);

        var read = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(reply.Body, read.Body);
    }

    [Fact]
    public async Task An_expiration_date_without_a_valid_format_is_23()
    {
        var api = app.Seller();
        var id = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        (await api.Put($"/v1/payments/{id}", new { date_of_expiration = "next tuesday" })).IsError(400, 23);
    }

    [Fact]
    public async Task Unknown_foreign_or_non_numeric_payment_ids_are_404_code_2000()
    {
        var (owner, id) = await Authorized();
        var stranger = app.Seller();

        foreach (var (api, path) in new[] { (owner, "/v1/payments/1"), (stranger, $"/v1/payments/{id}"), (owner, "/v1/payments/abc") })
        {
            var put = (await api.Put(path, new { capture = true })).IsError(404, 2000);
            Assert.Equal("not_found", (string)put["error"]!);
            (await api.Get(path)).IsError(404, 2000);
        }
        Assert.Equal("authorized", (string)(await owner.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task Ten_simultaneous_captures_approve_once_and_refuse_nine_with_2018()
    {
        var (api, id) = await Authorized(100m);
        (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var captures = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await api.Put($"/v1/payments/{id}", new { capture = true });
        })).ToList();
        go.SetResult();
        var replies = await Task.WhenAll(captures);

        Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        var refused = replies.Where(r => r.Status != HttpStatusCode.OK).ToList();
        Assert.Equal(9, refused.Count);
        foreach (var r in refused) r.IsError(400, 2018);

        var events = Events(id);
        Assert.Equal(["payment.created", "payment.updated"], events.Select(e => e.Action));
    }

    [Fact]
    public async Task Every_status_change_and_every_refund_is_stored_as_an_event_in_order()
    {
        var (api, id) = await Authorized(100m);
        (await api.Put($"/v1/payments/{id}", new { capture = true, transaction_amount = 60m })).Is(HttpStatusCode.OK);
        (await api.Put($"/v1/payments/{id}", new { metadata = new { note = "no status change" } })).Is(HttpStatusCode.OK);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 10m })).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 5m })).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/payments/{id}/refunds", null)).Is(HttpStatusCode.Created);

        var events = Events(id);
        Assert.Equal(
            [
                ("payment.created", "authorized", "pending_capture"),
                ("payment.updated", "approved", "accredited"),
                ("payment.updated", "approved", "partially_refunded"),
                ("payment.updated", "approved", "partially_refunded"), // every refund is an update (contract §7.3)
                ("payment.updated", "refunded", "refunded"),
            ],
            events.Select(e => (e.Action, e.Status, e.StatusDetail)));
        Assert.All(events, e => Assert.Equal(api.UserId, e.OwnerId));
    }

    [Fact]
    public async Task A_cancellation_stores_an_updated_event()
    {
        var (api, id) = await Authorized();
        (await api.Put($"/v1/payments/{id}", new { status = "cancelled" })).Is(HttpStatusCode.OK);
        var last = Events(id)[^1];
        Assert.Equal(("payment.updated", "cancelled", "by_collector"), (last.Action, last.Status, last.StatusDetail));
    }

    List<PaymentEvent> Events(long paymentId)
    {
        var store = app.Services.GetRequiredService<Store>();
        return store.EventsOf(paymentId);
    }
}
