using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

public sealed class IdempotencyTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static async Task<int> CountByReference(Api api, string reference) =>
        (int)(await api.Get($"/v1/payments/search?external_reference={reference}")).Is(HttpStatusCode.OK)["paging"]!["total"]!;

    [Fact]
    public async Task A_payment_without_a_key_is_4292_and_creates_nothing()
    {
        var api = app.Seller();
        var reference = Pay.Reference();
        var token = await api.CardToken();
        var reply = (await api.Post("/v1/payments", Pay.CardBody(token, reference: reference), idempotencyKey: null)).IsError(400, 4292);
        Assert.Equal("Header X-Idempotency-Key can't be null", (string)reply["message"]!);

        Assert.Equal(0, await CountByReference(api, reference));
        (await api.Post("/v1/payments", Pay.CardBody(token))).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_key_is_demanded_before_the_body_is_even_looked_at()
    {
        var api = app.Seller();
        (await api.Post("/v1/payments", "{not json", idempotencyKey: null)).IsError(400, 4292);
        (await api.Post("/v1/payments", new { colour = "blue" }, idempotencyKey: null)).IsError(400, 4292);
    }

    [Fact]
    public async Task A_refund_without_a_key_is_4292_and_refunds_nothing()
    {
        var api = app.Seller();
        var id = (await Pay.Card(api)).Is(HttpStatusCode.Created).Id();
        (await api.Post($"/v1/payments/{id}/refunds", null, idempotencyKey: null)).IsError(400, 4292);

        Assert.Empty((await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK).Json!.AsArray());
        Assert.Equal("approved", (string)(await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task With_the_key_requirement_relaxed_keyless_payments_and_refunds_work()
    {
        using var relaxed = EmulatorApp.With(new Dictionary<string, string?> { ["RequireIdempotencyKey"] = "false" });
        var api = relaxed.Seller();
        var reply = (await api.Post("/v1/payments", Pay.CardBody(await api.CardToken()), idempotencyKey: null)).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/payments/{reply.Id()}/refunds", null, idempotencyKey: null)).Is(HttpStatusCode.Created);

        // Without a key nothing is replayed: two keyless Pix payments are two payments.
        var reference = Pay.Reference();
        var first = (await api.Post("/v1/payments", Pay.PixBody(reference: reference), idempotencyKey: null)).Is(HttpStatusCode.Created);
        var second = (await api.Post("/v1/payments", Pay.PixBody(reference: reference), idempotencyKey: null)).Is(HttpStatusCode.Created);
        Assert.NotEqual(first.Id(), second.Id());
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_same_payment_without_creating_or_consuming_anything()
    {
        var api = app.Seller();
        var reference = Pay.Reference();
        var token = await api.CardToken();
        var body = Pay.CardBody(token, reference: reference);
        var key = Guid.NewGuid().ToString();

        var first = (await api.Post("/v1/payments", body, key)).Is(HttpStatusCode.Created);
        var again = await api.Post("/v1/payments", body, key);

        Assert.True(again.Status is HttpStatusCode.Created or HttpStatusCode.OK, again.Body);
        Assert.Equal(first.Id(), again.Id());
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(1, await CountByReference(api, reference));

        // The token was consumed once, by the first request: a new key with it is refused as used.
        (await api.Post("/v1/payments", body)).IsError(400, 3003);
        Assert.Equal(1, await CountByReference(api, reference));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_replays_the_first_payment()
    {
        var api = app.Seller();
        var key = Guid.NewGuid().ToString();
        var reference = Pay.Reference();
        var first = (await api.Post("/v1/payments", Pay.PixBody(50m, reference), key)).Is(HttpStatusCode.Created);

        var otherReference = Pay.Reference();
        var replay = await api.Post("/v1/payments", Pay.PixBody(70m, otherReference), key);
        Assert.Equal(first.Id(), replay.Id());
        Assert.Equal(50m, (decimal)replay["transaction_amount"]!);
        Assert.Equal(0, await CountByReference(api, otherReference));
        Assert.Equal([null, "idempotent replay with a different body"], await Notes(api, "/v1/payments"));
    }

    [Fact]
    public async Task A_refund_replayed_with_a_different_body_refunds_once_and_is_flagged_in_the_journal()
    {
        var api = app.Seller();
        var id = (await api.Post("/v1/payments", Pay.PixBody(100m, Pay.Reference()))).Is(HttpStatusCode.Created).Id();
        (await api.Post($"/__admin/payments/{id}/actions", new { action = "approve" })).Is(HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 30m }, key)).Is(HttpStatusCode.Created);
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 40m }, key)).Is(HttpStatusCode.OK);
        Assert.Single((await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK).Json!.AsArray());
        Assert.Equal([null, "idempotent replay with a different body"], await Notes(api, $"/v1/payments/{id}/refunds"));
    }

    /// <summary>The journal's notes on the seller's POSTs to a path, oldest first.</summary>
    static async Task<List<string?>> Notes(Api api, string path)
    {
        var entries = (await api.Get($"/__admin/requests?method=POST&path={path}&seller={api.UserId}")).Is(HttpStatusCode.OK).Json!.AsArray();
        return entries.Where(e => (string)e!["path"]! == path).Select(e => (string?)e!["note"]).Reverse().ToList();
    }

    [Fact]
    public async Task A_refused_request_is_not_remembered_under_its_key()
    {
        var api = app.Seller();
        var key = Guid.NewGuid().ToString();
        var body = Pay.PixBody();
        body.Remove("transaction_amount");
        (await api.Post("/v1/payments", body, key)).IsError(400, 4002);

        body["transaction_amount"] = 10m;
        var reply = (await api.Post("/v1/payments", body, key)).Is(HttpStatusCode.Created);
        Assert.Equal(10m, (decimal)reply["transaction_amount"]!);
    }

    [Fact]
    public async Task Keys_belong_to_one_seller()
    {
        var a = app.Seller();
        var b = app.Seller();
        var key = Guid.NewGuid().ToString();
        var reference = Pay.Reference();

        var mine = (await a.Post("/v1/payments", Pay.PixBody(reference: reference), key)).Is(HttpStatusCode.Created);
        var theirs = (await b.Post("/v1/payments", Pay.PixBody(reference: reference), key)).Is(HttpStatusCode.Created);

        Assert.NotEqual(mine.Id(), theirs.Id());
        Assert.Equal(b.UserId, (long)theirs["collector_id"]!);
        Assert.Equal(1, await CountByReference(a, reference));
        Assert.Equal(1, await CountByReference(b, reference));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_24_hours()
    {
        using var fresh = EmulatorApp.With();
        var api = fresh.Seller();
        var key = Guid.NewGuid().ToString();
        var reference = Pay.Reference();
        var body = Pay.PixBody(reference: reference);
        var first = (await api.Post("/v1/payments", body, key)).Is(HttpStatusCode.Created);

        fresh.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(first.Id(), (await api.Post("/v1/payments", body, key)).Id());

        fresh.Clock.Advance(TimeSpan.FromHours(1));
        var later = (await api.Post("/v1/payments", body, key)).Is(HttpStatusCode.Created);
        Assert.NotEqual(first.Id(), later.Id());
        Assert.Equal(2, await CountByReference(api, reference));
    }

    [Fact]
    public async Task A_replayed_refund_answers_200_with_an_empty_body_and_refunds_once()
    {
        var api = app.Seller();
        var id = (await Pay.Card(api, amount: 100m)).Is(HttpStatusCode.Created).Id();
        var key = Guid.NewGuid().ToString();

        var first = (await api.Post($"/v1/payments/{id}/refunds", new { amount = 30m }, key)).Is(HttpStatusCode.Created);
        Assert.Equal(30m, (decimal)first["amount"]!);

        var replay = (await api.Post($"/v1/payments/{id}/refunds", new { amount = 30m }, key)).Is(HttpStatusCode.OK);
        Assert.Equal("", replay.Body);

        Assert.Single((await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK).Json!.AsArray());
        var payment = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(30m, (decimal)payment["transaction_amount_refunded"]!);

        // A new key is a new refund.
        (await api.Post($"/v1/payments/{id}/refunds", new { amount = 30m })).Is(HttpStatusCode.Created);
        Assert.Equal(2, (await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK).Json!.AsArray().Count);
    }
}
