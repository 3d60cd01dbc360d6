using System.Net;
using System.Text.Json;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

public sealed class RefundTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    const string DatePattern = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-04:00$";

    async Task<(Api Api, long Id)> Approved(decimal amount = 100m)
    {
        var api = app.Seller();
        return (api, (await Pay.Card(api, amount: amount)).Is(HttpStatusCode.Created).Id());
    }

    [Fact]
    public async Task A_full_refund_with_no_body_answers_201_with_the_refund_and_refunds_the_payment()
    {
        var (api, id) = await Approved(100m);
        var refund = (await api.Post($"/v1/payments/{id}/refunds", null)).Is(HttpStatusCode.Created);

        Assert.Equal(JsonValueKind.Number, refund["id"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, refund["payment_id"]!.GetValueKind());
        Assert.Equal(id, (long)refund["payment_id"]!);
        Assert.Equal(100m, (decimal)refund["amount"]!);
        Assert.Equal(100m, (decimal)refund["amount_refunded_to_payer"]!);
        Assert.Equal(0m, (decimal)refund["adjustment_amount"]!);
        Assert.Equal("approved", (string)refund["status"]!);
        Assert.Equal("standard", (string)refund["refund_mode"]!);
        Assert.Equal(api.UserId.ToString(), (string)refund["source"]!["id"]!);
        Assert.False(string.IsNullOrEmpty((string?)refund["source"]!["name"]));
        Assert.Equal("collector", (string)refund["source"]!["type"]!);
        Assert.Matches(DatePattern, (string)refund["date_created"]!);
        Assert.Empty(refund["metadata"]!.AsObject());
        Assert.Empty(refund["labels"]!.AsArray());
        Assert.Empty(refund["partition_details"]!.AsArray());
        Assert.True(refund.Json!.AsObject().ContainsKey("unique_sequence_number"));
        Assert.True(refund.Json!.AsObject().ContainsKey("reason"));

        var payment = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(("refunded", "refunded"), ((string)payment["status"]!, (string)payment["status_detail"]!));
        Assert.Equal(100m, (decimal)payment["transaction_amount_refunded"]!);
        Assert.Equal((long)refund["id"]!, (long)payment["refunds"]![0]!["id"]!);
    }

    [Fact]
    public async Task An_empty_object_body_is_a_full_refund_too()
    {
        var (api, id) = await Approved(80m);
        var refund = (await api.Post($"/v1/payments/{id}/refunds", new { })).Is(HttpStatusCode.Created);
        Assert.Equal(80m, (decimal)refund["amount"]!);
    }

    [Fact]
    public async Task Partial_refunds_accumulate_and_flip_the_payment_to_refunded_when_they_reach_the_total()
    {
        var (api, id) = await Approved(100.10m);

        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 33.33m })).Is(HttpStatusCode.Created);
        var afterOne = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(("approved", "partially_refunded"), ((string)afterOne["status"]!, (string)afterOne["status_detail"]!));
        Assert.Equal(33.33m, (decimal)afterOne["transaction_amount_refunded"]!);

        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 33.33m })).Is(HttpStatusCode.Created);
        var afterTwo = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal("partially_refunded", (string)afterTwo["status_detail"]!);
        Assert.Equal(66.66m, (decimal)afterTwo["transaction_amount_refunded"]!);

        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 33.44m })).Is(HttpStatusCode.Created);
        var done = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(("refunded", "refunded"), ((string)done["status"]!, (string)done["status_detail"]!));
        Assert.Equal(100.10m, (decimal)done["transaction_amount_refunded"]!);
        Assert.Equal(3, done["refunds"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_refund_over_what_remains_is_2017()
    {
        var (api, id) = await Approved(100m);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 60m })).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 40.01m })).IsError(400, 2017);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 150m })).IsError(400, 2017);

        var payment = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(60m, (decimal)payment["transaction_amount_refunded"]!);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 40m })).Is(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10.005")]
    public async Task A_refund_amount_that_is_not_a_positive_cent_amount_is_2017(string amount)
    {
        var (api, id) = await Approved();
        (await api.Send(HttpMethod.Post, $"/v1/payments/{id}/refunds", $$"""{"amount":{{amount}}}""", Guid.NewGuid().ToString()))
            .IsError(400, 2017);
    }

    [Fact]
    public async Task A_refund_when_nothing_is_left_is_2063()
    {
        var (api, id) = await Approved();
        (await api.Post($"/v1/payments/{id}/refunds", null)).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/payments/{id}/refunds", null)).IsError(400, 2063);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 1m })).IsError(400, 2063);
    }

    [Theory]
    [InlineData("authorized")]
    [InlineData("pix")]
    [InlineData("rejected")]
    [InlineData("contingency")]
    public async Task Refunding_a_payment_that_was_never_approved_is_2063(string kind)
    {
        var api = app.Seller();
        var created = kind switch
        {
            "authorized" => await Pay.Card(api, capture: false),
            "pix" => await Pay.Pix(api),
            "rejected" => await Pay.Card(api, "OTHE"),
            _ => await Pay.Card(api, "CONT"),
        };
        var id = created.Is(HttpStatusCode.Created).Id();
        (await api.Post($"/v1/payments/{id}/refunds", null)).IsError(400, 2063);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 1m })).IsError(400, 2063);
        Assert.Empty((await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK).Json!.AsArray());
    }

    [Fact]
    public async Task Refunds_are_listed_as_a_bare_array_and_read_one_by_one()
    {
        var (api, id) = await Approved(100m);
        Assert.Empty((await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK).Json!.AsArray());

        var first = (await api.Post($"/v1/payments/{id}/refunds", new { amount = 10m })).Is(HttpStatusCode.Created);
        var second = (await api.Post($"/v1/payments/{id}/refunds", new { amount = 20m })).Is(HttpStatusCode.Created);

        var list = (await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, list.Json!.GetValueKind());
        Assert.Equal([(long)first["id"]!, (long)second["id"]!], list.Json!.AsArray().Select(r => (long)r!["id"]!));
        Assert.Equal([10m, 20m], list.Json!.AsArray().Select(r => (decimal)r!["amount"]!));

        var one = (await api.Get($"/v1/payments/{id}/refunds/{(long)second["id"]!}")).Is(HttpStatusCode.OK);
        Assert.Equal(second.Body, one.Body);
    }

    [Fact]
    public async Task An_unknown_refund_id_is_404()
    {
        var (api, id) = await Approved();
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 10m })).Is(HttpStatusCode.Created);
        var reply = await api.Get($"/v1/payments/{id}/refunds/999");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("not_found", (string)reply["error"]!);
        Assert.Equal(404, (int)reply["status"]!);
    }

    [Fact]
    public async Task Refunds_of_an_unknown_or_foreign_payment_are_404_payment_not_found()
    {
        var (owner, id) = await Approved();
        var stranger = app.Seller();
        (await stranger.Post($"/v1/payments/{id}/refunds", null)).IsError(404, 2000);
        (await stranger.Get($"/v1/payments/{id}/refunds")).IsError(404, 2000);
        (await owner.Post("/v1/payments/42/refunds", null)).IsError(404, 2000);
        Assert.Equal("approved", (string)(await owner.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task Peru_refuses_a_partial_refund_with_3024_and_accepts_a_full_one()
    {
        using var mpe = EmulatorApp.With(new Dictionary<string, string?> { ["Site"] = "MPE" });
        var api = mpe.Seller();
        var token = await Pay.Token(api, "4009175332806176", "DNI", "12345678");
        var payment = (await api.Post("/v1/payments", Pay.CardBody(token, 100m))).Is(HttpStatusCode.Created);
        Assert.Equal("PEN", (string)payment["currency_id"]!);
        Assert.Equal("visa", (string)payment["payment_method_id"]!);

        (await api.Post($"/v1/payments/{payment.Id()}/refunds", new { amount = 40m })).IsError(400, 3024);
        var full = (await api.Post($"/v1/payments/{payment.Id()}/refunds", null)).Is(HttpStatusCode.Created);
        Assert.Equal(100m, (decimal)full["amount"]!);
        Assert.Equal("refunded", (string)(await api.Get($"/v1/payments/{payment.Id()}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task A_payment_older_than_the_refund_window_is_2024()
    {
        using var fresh = EmulatorApp.With();
        var api = fresh.Seller();
        var early = (await Pay.Card(api)).Is(HttpStatusCode.Created).Id();
        var late = (await Pay.Card(api)).Is(HttpStatusCode.Created).Id();

        fresh.Clock.Advance(TimeSpan.FromDays(180));
        (await api.Post($"/v1/payments/{early}/refunds", new { amount = 1m })).Is(HttpStatusCode.Created);
        fresh.Clock.Advance(TimeSpan.FromSeconds(1));
        (await api.Post($"/v1/payments/{late}/refunds", null)).IsError(400, 2024);
    }
}
