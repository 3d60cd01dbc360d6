using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Payments;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary><c>--strict</c>: unknown request fields are refused, and every answer of a whole merchant flow matches the
/// schema the emulator's own OpenAPI document declares for its route and status.</summary>
public sealed class StrictModeTests : IDisposable
{
    readonly EmulatorApp app = EmulatorApp.With(new Dictionary<string, string?> { ["Strict"] = "true" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task An_unknown_customer_field_is_125_naming_it_and_nothing_is_created()
    {
        var api = app.Seller();
        var email = $"strict_{Guid.NewGuid():N}@testuser.com";

        var reply = (await api.Post("/v1/customers", new { email, nickname = "ana", phone = new { area_code = "11", extension = "9" } }))
            .IsError(400, "125");
        Assert.Equal("invalid parameters: unknown [nickname, phone.extension]", (string)reply["message"]!);
        Assert.Equal(0, (int)(await api.Get($"/v1/customers/search?email={email}")).Is(HttpStatusCode.OK)["paging"]!["total"]!);

        (await api.Post("/v1/customers", new { email, metadata = new { anything = new { at = "all" } } })).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_unknown_refund_field_is_8_as_on_payments()
    {
        var api = app.Seller();
        var id = (await Pay.Card(api)).Is(HttpStatusCode.Created).Id();
        var reply = (await api.Post($"/v1/payments/{id}/refunds", new { amount = 10m, reason = "changed my mind" })).IsError(400, 8);
        Assert.Equal("The name of the following parameters is wrong [reason]", (string)reply["message"]!);
        Assert.Empty((await api.Get($"/v1/payments/{id}/refunds")).Is(HttpStatusCode.OK).Json!.AsArray());
    }

    [Fact]
    public async Task Without_strict_an_unknown_customer_field_is_ignored()
    {
        using var lenient = new EmulatorApp();
        var reply = await lenient.Seller().Post("/v1/customers", new { email = $"lenient_{Guid.NewGuid():N}@testuser.com", nickname = "ana" });
        reply.Is(HttpStatusCode.Created);
        Assert.Null(reply["nickname"]);
    }

    [Fact]
    public async Task Every_answer_of_a_merchant_flow_matches_the_schema_its_route_declares()
    {
        var api = app.Seller();
        var schema = new SchemaCheck(JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!);
        var replies = new List<Reply>();
        async Task<Reply> Keep(Task<Reply> call) { var r = await call; replies.Add(r); return r; }

        var customer = (string)(await Keep(api.Post("/v1/customers", new { email = $"flow_{Guid.NewGuid():N}@testuser.com", first_name = "Ana" })))["id"]!;
        await Keep(api.Get($"/v1/customers/{customer}"));
        await Keep(api.Put($"/v1/customers/{customer}", new { last_name = "Souza" }));
        await Keep(api.Get("/v1/customers/search"));
        var address = (string)(await Keep(api.Post($"/v1/customers/{customer}/addresses", new { street_name = "Av. Paulista", zip_code = "01310-100", city = "São Paulo" })))["id"]!;
        await Keep(api.Get($"/v1/customers/{customer}/addresses"));
        await Keep(api.Put($"/v1/customers/{customer}/addresses/{address}", new { street_number = 1000 }));
        var token = (string)(await Keep(api.Post("/v1/card_tokens", Bodies.Card())))["id"]!;
        await Keep(api.Get($"/v1/card_tokens/{token}"));
        var card = (string)(await Keep(api.Post($"/v1/customers/{customer}/cards", new { token })))["id"]!;
        await Keep(api.Get($"/v1/customers/{customer}/cards"));
        await Keep(api.Get($"/v1/customers/{customer}/cards/{card}"));
        await Keep(api.Get("/v1/payment_methods"));
        await Keep(api.Get("/v1/identification_types"));
        await Keep(api.Get("/v1/payment_methods/installments?amount=100&bin=503143"));
        var paid = (long)(await Keep(api.Post("/v1/payments", Pay.CardBody(await api.CardToken()))))["id"]!;
        var authorized = Pay.CardBody(await api.CardToken());
        authorized["capture"] = false;
        var held = (long)(await Keep(api.Post("/v1/payments", authorized)))["id"]!;
        await Keep(api.Put($"/v1/payments/{held}", new { capture = true, transaction_amount = 60m }));
        var pix = (long)(await Keep(api.Post("/v1/payments", Pay.PixBody())))["id"]!;
        await Keep(api.Put($"/v1/payments/{pix}", new { status = "cancelled" }));
        await Keep(api.Get($"/v1/payments/{paid}"));
        await Keep(api.Get("/v1/payments/search"));
        var refund = (long)(await Keep(api.Post($"/v1/payments/{paid}/refunds", new { amount = 10m })))["id"]!;
        await Keep(api.Get($"/v1/payments/{paid}/refunds"));
        await Keep(api.Get($"/v1/payments/{paid}/refunds/{refund}"));
        await Keep(api.Get("/users/me"));
        await Keep(api.Delete($"/v1/customers/{customer}/addresses/{address}"));
        await Keep(api.Delete($"/v1/customers/{customer}/cards/{card}"));
        await Keep(api.Get("/v1/payments/1"));
        await Keep(api.Post("/v1/customers", new { email = "not an email" }));

        Assert.All(replies, r => Assert.True((int)r.Status < 500, r.Body));
        var problems = replies.SelectMany(r =>
            schema.Problems(r.Response.RequestMessage!.Method.Method, r.Response.RequestMessage.RequestUri!.AbsolutePath, (int)r.Status, r.Json)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
