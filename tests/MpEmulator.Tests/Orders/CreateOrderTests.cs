using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Orders;

public sealed class CreateOrderTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task An_APRO_card_order_is_processed_at_once_and_charges_a_payment()
    {
        var api = app.Seller();
        var order = (await Ord.CardOrder(api)).Created();

        Assert.StartsWith("ORD", order.Id());
        Assert.Equal(29, order.Id().Length);
        Assert.Equal(("processed", "accredited"), order.Json!.Status());
        Assert.Equal("online", (string?)order["type"]);
        Assert.Equal("200.00", (string?)order["total_amount"]);
        Assert.Equal("200.00", (string?)order["total_paid_amount"]);
        Assert.Equal(api.UserId.ToString(), (string?)order["user_id"]);
        Assert.Equal("BRA", (string?)order["country_code"]);
        var payment = order.Payment();
        Assert.StartsWith("PAY", (string?)payment["id"]);
        Assert.Equal(("processed", "accredited"), payment.Status());
        Assert.Equal("200.00", (string?)payment["amount"]);
        Assert.Equal("master", (string?)payment["payment_method"]!["id"]);
        Assert.Null(order["description"]); // the Orders API leaves out what it has no value for

        var charged = (await api.Get($"/v1/payments/{(string?)payment["reference_id"]}")).Is(HttpStatusCode.OK);
        Assert.Equal(("approved", 200m), ((string?)charged["status"], (decimal)charged["transaction_amount"]!));
        Assert.Equal(order.Body, (await api.Get($"/v1/orders/{order.Id()}")).Ok().Body);
    }

    [Theory]
    [InlineData("OTHE", "failed", "failed", "failed", "rejected_other_reason")]
    [InlineData("FUND", "failed", "failed", "failed", "insufficient_amount")]
    [InlineData("CALL", "failed", "failed", "failed", "required_call_for_authorize")]
    [InlineData("SECU", "failed", "failed", "failed", "bad_filled_card_data")]
    [InlineData("CONT", "processing", "in_process", "processing", "in_process")]
    public async Task Test_cardholder_names_decide_the_order_as_they_decide_payments(string holder, string status, string detail,
        string transactionStatus, string transactionDetail)
    {
        var order = (await Ord.CardOrder(app.Seller(), holder)).Created();

        Assert.Equal((status, detail), order.Json!.Status());
        Assert.Equal((transactionStatus, transactionDetail), order.Payment().Status());
        Assert.Null(order["total_paid_amount"]);
    }

    [Fact]
    public async Task A_scenario_rule_decides_an_order_as_it_decides_a_payment()
    {
        var api = app.Seller();
        (await api.Post("/__admin/rules", new
        {
            match = new { method = "POST", path = "/v1/orders", seller = api.UserId.ToString(), external_reference = "risky" },
            respond = new { status = "rejected", status_detail = "cc_rejected_high_risk" },
        })).Is(HttpStatusCode.Created);
        var body = Ord.Card(await api.CardToken("APRO"), reference: "risky");

        var order = (await api.Post("/v1/orders", body)).Created();
        Assert.Equal(("failed", "failed"), order.Json!.Status());
        Assert.Equal(("failed", "high_risk"), order.Payment().Status());
        Assert.Equal(("processed", "accredited"), (await Ord.CardOrder(api)).Created().Json!.Status());

        (await api.Post("/__admin/rules", new
        {
            match = new Dictionary<string, string> { ["path"] = "/v1/orders", ["seller"] = api.UserId.ToString(), ["cardholder.name"] = "JOHN" },
            respond = new { status = "in_process" },
        })).Is(HttpStatusCode.Created);
        Assert.Equal(("processing", "in_process"), (await Ord.CardOrder(api, "JOHN")).Created().Json!.Status());
    }

    [Fact]
    public async Task The_idempotency_key_is_required_replays_the_first_answer_and_refuses_another_body()
    {
        var api = app.Seller();
        var body = Ord.Card(await api.CardToken());
        (await api.Post("/v1/orders", body, idempotencyKey: null)).IsOrderError(400, "empty_required_header");

        var key = Guid.NewGuid().ToString();
        var first = (await api.Post("/v1/orders", body, key)).Created();
        var replay = (await api.Post("/v1/orders", body, key)).Created();
        Assert.Equal(first.Body, replay.Body);

        body["external_reference"] = "another";
        (await api.Post("/v1/orders", body, key)).IsOrderError(409, "idempotency_key_already_used");
        var found = (await api.Get($"/v1/orders?begin_date=2020-01-01T00:00:00Z&end_date=2099-01-01T00:00:00Z")).Is(HttpStatusCode.OK).Valid("OrderSearchResult");
        Assert.Equal("1", (string?)found["paging"]!["total"]);
    }

    [Fact]
    public async Task Bad_requests_answer_in_the_orders_error_shape_and_create_nothing()
    {
        var api = app.Seller();
        var token = await api.CardToken();
        var mismatch = Ord.Card(token);
        mismatch["total_amount"] = "150.00";
        (await api.Post("/v1/orders", mismatch)).IsOrderError(400, "invalid_total_amount");
        var number = Ord.Card(token);
        number["total_amount"] = 200;
        (await api.Post("/v1/orders", number)).IsOrderError(400, "property_type");
        var noPayer = Ord.Card(token);
        noPayer.Remove("payer");
        (await api.Post("/v1/orders", noPayer)).IsOrderError(400, "required_properties");
        var unknown = Ord.Card(token);
        unknown["colour"] = "blue";
        (await api.Post("/v1/orders", unknown)).IsOrderError(400, "unsupported_properties");
        (await api.Post("/v1/orders", "{not json")).IsOrderError(400, "json_syntax_error");
        (await api.Post("/v1/orders", Ord.Card("0123456789abcdef0123456789abcdef"))).IsOrderError(400, "invalid_properties");
        var two = Ord.Card(token);
        two["transactions"]!["payments"]!.AsArray().Add(two["transactions"]!["payments"]![0]!.DeepClone());
        (await api.Post("/v1/orders", two)).IsOrderError(400, "maximum_items");

        var found = (await api.Get($"/v1/orders?begin_date=2020-01-01T00:00:00Z&end_date=2099-01-01T00:00:00Z")).Is(HttpStatusCode.OK).Valid("OrderSearchResult");
        Assert.Equal("0", (string?)found["paging"]!["total"]);
        (await api.Post("/v1/orders", Ord.Card(token))).Created(); // the token was not used up by the refusals
    }

    [SkippableFact]
    public async Task The_spec_check_refuses_an_answer_that_is_not_an_order()
    {
        Skip.If(OfficialSpec.Json is null, OfficialSpec.Missing);
        var api = app.Seller();
        var order = (await Ord.CardOrder(api)).Created();
        var payment = (await api.Get($"/v1/payments/{(string?)order.Payment()["reference_id"]}")).Is(HttpStatusCode.OK);

        var refused = Assert.ThrowsAny<Exception>(() => payment.Valid());
        Assert.Contains("Order.id", refused.Message); // a payment's id is a number, an order's a string
    }

    [Fact]
    public async Task Items_config_and_integration_data_are_answered_back_as_sent()
    {
        var api = app.Seller();
        var body = Ord.Card(await api.CardToken());
        body["items"] = new JsonArray(new JsonObject { ["title"] = "Mug", ["unit_price"] = "200.00", ["quantity"] = 1 });
        body["config"] = new JsonObject { ["online"] = new JsonObject { ["callback_url"] = "https://merchant.example/back" } };
        body["integration_data"] = new JsonObject { ["platform_id"] = "p-1" };

        var order = (await api.Post("/v1/orders", body)).Created();
        Assert.Equal(body["items"]!.ToJsonString(), order["items"]!.ToJsonString());
        Assert.Equal(body["config"]!.ToJsonString(), order["config"]!.ToJsonString());
        Assert.Equal(body["integration_data"]!.ToJsonString(), (await api.Get($"/v1/orders/{order.Id()}")).Ok()["integration_data"]!.ToJsonString());
    }

    [Fact]
    public async Task In_store_orders_answer_501_as_not_emulated()
    {
        var api = app.Seller();
        var body = Ord.Card(await api.CardToken());
        body["type"] = "point";
        (await api.Post("/v1/orders", body)).IsOrderError(501, "not_implemented");
    }

    [Fact]
    public async Task Another_sellers_order_and_an_unknown_id_are_not_found()
    {
        var order = (await Ord.CardOrder(app.Seller())).Created();
        (await app.Seller().Get($"/v1/orders/{order.Id()}")).IsOrderError(404, "order_not_found");
        (await app.Seller().Get("/v1/orders/ORD00000000000000000000000000")).IsOrderError(404, "order_not_found");
    }

    [Fact]
    public async Task A_pix_order_waits_for_the_transfer_with_its_qr_code()
    {
        var order = (await app.Seller().Post("/v1/orders", Ord.Offline("pix", "bank_transfer"))).Created();

        Assert.Equal(("action_required", "waiting_transfer"), order.Json!.Status());
        Assert.Equal(("action_required", "waiting_transfer"), order.Payment().Status());
        var method = order.Payment()["payment_method"]!;
        Assert.StartsWith("000201", (string?)method["qr_code"]);
        Assert.False(string.IsNullOrEmpty((string?)method["qr_code_base64"]));
        Assert.NotNull(order.Payment()["date_of_expiration"]);
    }

    [Fact]
    public async Task A_boleto_order_waits_for_payment_with_its_ticket()
    {
        var order = (await app.Seller().Post("/v1/orders", Ord.Offline("bolbradesco", "ticket"))).Created();

        Assert.Equal(("action_required", "waiting_payment"), order.Json!.Status());
        var method = order.Payment()["payment_method"]!;
        Assert.StartsWith("https://", (string?)method["ticket_url"]);
        Assert.False(string.IsNullOrEmpty((string?)method["digitable_line"]));
    }

    [Fact]
    public async Task A_payment_method_of_another_type_is_refused()
    {
        var body = Ord.Offline("pix", "ticket");
        (await app.Seller().Post("/v1/orders", body)).IsOrderError(400, "property_value");
    }
}
