using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

public sealed class CreatePaymentTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    const string DatePattern = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-04:00$";

    /// <summary>The §6.2 top-level fields the emulator emits (null where not applicable).</summary>
    static readonly string[] TopLevelFields =
    [
        "id", "date_created", "date_approved", "date_last_updated", "date_of_expiration", "money_release_date", "money_release_status",
        "money_release_schema", "operation_type", "issuer_id", "payment_method_id", "payment_type_id", "payment_method", "status",
        "status_detail", "currency_id", "description", "live_mode", "sponsor_id", "authorization_code", "integrator_id", "platform_id",
        "corporation_id", "collector_id", "payer", "marketplace_owner", "metadata", "additional_info", "order", "external_reference",
        "transaction_amount", "transaction_amount_refunded", "coupon_amount", "differential_pricing_id", "financing_group",
        "deduction_schema", "installments", "transaction_details", "fee_details", "charges_details", "captured", "binary_mode",
        "call_for_authorize_id", "statement_descriptor", "card", "notification_url", "callback_url", "refunds", "processing_mode",
        "merchant_account_id", "merchant_number", "acquirer_reconciliation", "point_of_interaction", "taxes_amount", "taxes",
        "shipping_amount", "counter_currency",
    ];

    string Now(TimeSpan plus = default) =>
        (app.Clock.GetUtcNow() + plus).ToOffset(TimeSpan.FromHours(-4)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");

    [Fact]
    public async Task An_approved_card_payment_answers_201_with_the_full_mercado_pago_shape()
    {
        var api = app.Seller();
        var token = await api.CardToken();
        var body = Pay.CardBody(token, 100m, "ORD-42");
        body["description"] = "Order 42";
        body["metadata"] = new { order_id = 42 };
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
        var json = reply.Json!.AsObject();

        foreach (var field in TopLevelFields) Assert.True(json.ContainsKey(field), $"missing {field}: {reply.Body}");
        Assert.Equal(JsonValueKind.Number, json["id"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, json["collector_id"]!.GetValueKind());
        Assert.Equal(api.UserId, (long)json["collector_id"]!);
        foreach (var date in new[] { "date_created", "date_approved", "date_last_updated", "money_release_date" })
            Assert.Matches(DatePattern, (string)json[date]!);
        Assert.Matches(DatePattern, (string)json["card"]!["date_created"]!);
        Assert.Equal(Now(), (string)json["date_created"]!);
        Assert.Null(json["date_of_expiration"]);

        Assert.Equal(("approved", "accredited"), ((string)json["status"]!, (string)json["status_detail"]!));
        Assert.Equal("BRL", (string)json["currency_id"]!);
        Assert.Equal("master", (string)json["payment_method_id"]!);
        Assert.Equal("credit_card", (string)json["payment_type_id"]!);
        Assert.Equal("master", (string)json["payment_method"]!["id"]!);
        Assert.Equal("regular_payment", (string)json["operation_type"]!);
        Assert.Equal("Order 42", (string)json["description"]!);
        Assert.Equal("ORD-42", (string)json["external_reference"]!);
        Assert.Equal(42, (int)json["metadata"]!["order_id"]!);
        Assert.Equal(100m, (decimal)json["transaction_amount"]!);
        Assert.Equal(0m, (decimal)json["transaction_amount_refunded"]!);
        Assert.Equal(1, (int)json["installments"]!);
        Assert.True((bool)json["captured"]!);
        Assert.False((bool)json["live_mode"]!);
        Assert.Equal("aggregator", (string)json["processing_mode"]!);
        Assert.Empty(json["refunds"]!.AsArray());
        Assert.Equal(PayerEmail, (string)json["payer"]!["email"]!);
        Assert.Matches("^[0-9]{6}$", (string)json["authorization_code"]!);

        var card = json["card"]!;
        Assert.Equal("503143", (string)card["first_six_digits"]!);
        Assert.Equal("6351", (string)card["last_four_digits"]!);
        Assert.Null(card["id"]);
        Assert.DoesNotContain(TestCards.MlbMaster, reply.Body);
        Assert.DoesNotContain(token, reply.Body);

        var fee = Assert.Single(json["fee_details"]!.AsArray())!;
        Assert.Equal("mercadopago_fee", (string)fee["type"]!);
        Assert.Equal("collector", (string)fee["fee_payer"]!);
        Assert.True((decimal)fee["amount"]! > 0);
        Assert.Equal(100m - (decimal)fee["amount"]!, (decimal)json["transaction_details"]!["net_received_amount"]!);
        Assert.Equal(100m, (decimal)json["transaction_details"]!["total_paid_amount"]!);
        Assert.Equal("MLB", reply.Response.Headers.GetValues("x-site-id").Single());
    }

    [Fact]
    public async Task An_argentine_seller_is_charged_in_ars()
    {
        using var mla = EmulatorApp.With(new Dictionary<string, string?> { ["Site"] = "MLA" });
        var api = mla.Seller();
        var token = await Pay.Token(api, "5031755734530604", "DNI", "12345678");
        var reply = (await api.Post("/v1/payments", Pay.CardBody(token))).Is(HttpStatusCode.Created);
        Assert.Equal("ARS", (string)reply["currency_id"]!);
        Assert.Equal("master", (string)reply["payment_method_id"]!);
        Assert.Equal(api.UserId, (long)reply["collector_id"]!);
    }

    [Fact]
    public async Task The_payment_method_is_inferred_from_the_token_when_omitted()
    {
        var api = app.Seller();
        var reply = (await api.Post("/v1/payments", Pay.CardBody(await api.CardToken(number: TestCards.MlbVisa)))).Is(HttpStatusCode.Created);
        Assert.Equal("visa", (string)reply["payment_method_id"]!);
        Assert.Equal("credit_card", (string)reply["payment_type_id"]!);
    }

    [Fact]
    public async Task A_payment_method_that_contradicts_the_token_is_3028()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken(number: TestCards.MlbVisa));
        body["payment_method_id"] = "master";
        (await api.Post("/v1/payments", body)).IsError(400, 3028);
    }

    [Fact]
    public async Task An_amount_written_with_one_zero_decimal_is_accepted()
    {
        var api = app.Seller();
        var token = await api.CardToken();
        var raw = $$$"""{"transaction_amount":100.0,"token":"{{{token}}}","installments":1,"payer":{"email":"{{{PayerEmail}}}"}}""";
        var reply = (await api.Send(HttpMethod.Post, "/v1/payments", raw, Guid.NewGuid().ToString())).Is(HttpStatusCode.Created);
        Assert.Equal(100m, (decimal)reply["transaction_amount"]!);
    }

    [Theory]
    [InlineData("100.123")]
    [InlineData("0")]
    [InlineData("-10")]
    [InlineData("0.00")]
    public async Task An_amount_with_too_many_decimals_or_not_positive_is_4037(string amount)
    {
        var api = app.Seller();
        var token = await api.CardToken();
        var raw = $$$"""{"transaction_amount":{{{amount}}},"token":"{{{token}}}","installments":1,"payer":{"email":"{{{PayerEmail}}}"}}""";
        (await api.Send(HttpMethod.Post, "/v1/payments", raw, Guid.NewGuid().ToString())).IsError(400, 4037);
    }

    [Fact]
    public async Task A_missing_amount_is_4002_and_a_string_amount_is_4003()
    {
        var api = app.Seller();
        var token = await api.CardToken();
        var body = Pay.CardBody(token);
        body.Remove("transaction_amount");
        (await api.Post("/v1/payments", body)).IsError(400, 4002);
        body["transaction_amount"] = "100";
        (await api.Post("/v1/payments", body)).IsError(400, 4003);
    }

    [Fact]
    public async Task A_refused_request_leaves_the_token_usable()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body.Remove("installments");
        (await api.Post("/v1/payments", body)).IsError(400, 4004);
        body["installments"] = 1;
        (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_unknown_payment_method_is_3028()
    {
        var api = app.Seller();
        var body = Pay.PixBody();
        body["payment_method_id"] = "bitcoin";
        (await api.Post("/v1/payments", body)).IsError(400, 3028);
    }

    [Fact]
    public async Task Neither_token_nor_payment_method_is_2131_cannot_infer()
    {
        var api = app.Seller();
        var body = Pay.PixBody();
        body.Remove("payment_method_id");
        var reply = (await api.Post("/v1/payments", body)).IsError(400, 2131);
        Assert.Equal("Cannot infer Payment Method", (string)reply["message"]!);
    }

    [Fact]
    public async Task A_card_method_without_a_token_is_4000()
    {
        var api = app.Seller();
        var body = Pay.PixBody();
        body["payment_method_id"] = "visa";
        body["installments"] = 1;
        (await api.Post("/v1/payments", body)).IsError(400, 4000);
    }

    [Fact]
    public async Task An_unknown_token_is_2006()
    {
        var api = app.Seller();
        (await api.Post("/v1/payments", Pay.CardBody("0123456789abcdef0123456789abcdef"))).IsError(400, 2006);
    }

    [Fact]
    public async Task A_token_already_used_by_a_payment_is_3003()
    {
        var api = app.Seller();
        var token = await api.CardToken();
        (await api.Post("/v1/payments", Pay.CardBody(token))).Is(HttpStatusCode.Created);
        (await api.Post("/v1/payments", Pay.CardBody(token))).IsError(400, 3003);
    }

    [Fact]
    public async Task A_token_older_than_its_lifetime_is_3003()
    {
        var api = app.Seller();
        var token = await api.CardToken();
        app.Clock.Advance(TimeSpan.FromDays(8));
        (await api.Post("/v1/payments", Pay.CardBody(token))).IsError(400, 3003);
    }

    [Fact]
    public async Task Another_sellers_token_is_2006_not_found()
    {
        var token = await app.Seller().CardToken();
        (await app.Seller().Post("/v1/payments", Pay.CardBody(token))).IsError(400, 2006);
    }

    [Theory]
    [InlineData(13)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Installments_outside_one_to_twelve_are_4033(int installments)
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["installments"] = installments;
        (await api.Post("/v1/payments", body)).IsError(400, 4033);
    }

    [Fact]
    public async Task Missing_installments_on_a_card_are_4004()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body.Remove("installments");
        (await api.Post("/v1/payments", body)).IsError(400, 4004);
    }

    [Fact]
    public async Task Twelve_installments_on_a_credit_card_are_accepted()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["installments"] = 12;
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
        Assert.Equal(12, (int)reply["installments"]!);
        var details = reply["transaction_details"]!;
        Assert.True((decimal)details["total_paid_amount"]! > 100m);
        Assert.Contains(reply["fee_details"]!.AsArray(), f => (string)f!["type"]! == "financing_fee");
    }

    [Fact]
    public async Task A_debit_card_in_two_installments_is_4033()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken(number: TestCards.MlbElo));
        body["installments"] = 2;
        (await api.Post("/v1/payments", body)).IsError(400, 4033);

        body["installments"] = 1;
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
        Assert.Equal("debelo", (string)reply["payment_method_id"]!);
        Assert.Equal("debit_card", (string)reply["payment_type_id"]!);
    }

    [Fact]
    public async Task A_payer_without_email_is_4050()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["payer"] = new { first_name = "Ana" };
        (await api.Post("/v1/payments", body)).IsError(400, 4050);
        body.Remove("payer");
        (await api.Post("/v1/payments", body)).IsError(400, 4050);
    }

    [Fact]
    public async Task An_invalid_payer_type_is_4029()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["payer"] = new { type = "alien", email = PayerEmail };
        (await api.Post("/v1/payments", body)).IsError(400, 4029);
    }

    [Fact]
    public async Task Unknown_parameter_names_are_code_8_naming_their_paths()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["additional_info"] = new { payer = new { test = 1, first_name = "Ana" } };
        body["colour"] = "blue";
        var reply = (await api.Post("/v1/payments", body)).IsError(400, 8);
        var message = (string)reply["message"]!;
        Assert.Contains("additional_info.payer.test", message);
        Assert.Contains("colour", message);
        Assert.DoesNotContain("first_name", message);
        Assert.Matches(@"\[.*additional_info\.payer\.test.*\]", message);
    }

    [Theory]
    [InlineData("installments", 4005)]
    [InlineData("metadata", 4022)]
    [InlineData("payer", 4006)]
    public async Task A_field_of_the_wrong_type_gets_its_own_code(string field, int code)
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body[field] = "x";
        (await api.Post("/v1/payments", body)).IsError(400, code);
    }

    [Fact]
    public async Task A_notification_url_that_is_not_a_url_is_4020()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["notification_url"] = "not a url";
        (await api.Post("/v1/payments", body)).IsError(400, 4020);
        body["notification_url"] = "https://merchant.example/hooks";
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
        Assert.Equal("https://merchant.example/hooks", (string)reply["notification_url"]!);
    }

    [Fact]
    public async Task Deferred_capture_on_a_debit_card_is_2077()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken(number: TestCards.MlbElo));
        body["capture"] = false;
        (await api.Post("/v1/payments", body)).IsError(400, 2077);
    }

    [Fact]
    public async Task Item_quantities_and_prices_come_back_as_strings()
    {
        var api = app.Seller();
        var body = Pay.CardBody(await api.CardToken());
        body["additional_info"] = new { items = new[] { new { id = "PR1", title = "Point", quantity = 1, unit_price = 58.8 } } };
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);
        var item = reply["additional_info"]!["items"]![0]!;
        Assert.Equal("1", item["quantity"]!.GetValue<string>());
        Assert.Equal("58.8", item["unit_price"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paying_with_a_saved_card_approves_and_names_the_card()
    {
        var api = app.Seller();
        var customerId = await api.Customer();
        var cardId = await Pay.SavedCard(api, customerId);
        var token = (string)(await api.Post("/v1/card_tokens", new { card_id = cardId, security_code = "123" })).Is(HttpStatusCode.Created)["id"]!;

        var reply = (await api.Post("/v1/payments", new
        {
            transaction_amount = 75.5m, token, installments = 1, payer = new { type = "customer", id = customerId },
        })).Is(HttpStatusCode.Created);

        Assert.Equal("approved", (string)reply["status"]!);
        Assert.Equal(cardId, (string)reply["card"]!["id"]!);
        Assert.Equal("6351", (string)reply["card"]!["last_four_digits"]!);
        Assert.Equal(customerId, (string)reply["payer"]!["id"]!);
        Assert.Equal("customer", (string)reply["payer"]!["type"]!);
        Assert.Equal("master", (string)reply["payment_method_id"]!);
    }

    [Fact]
    public async Task A_saved_card_token_made_without_the_security_code_is_refused_with_3031()
    {
        var api = app.Seller();
        var customerId = await api.Customer();
        var cardId = await Pay.SavedCard(api, customerId);
        var token = (string)(await api.Post("/v1/card_tokens", new { card_id = cardId })).Is(HttpStatusCode.Created)["id"]!;

        var reply = (await api.Post("/v1/payments", new
        {
            transaction_amount = 10m, token, installments = 1, payer = new { type = "customer", id = customerId },
        })).IsError(400, 3031);
        Assert.Equal("Card token was generated without cvv validation", (string)reply["message"]!);
        Assert.Equal("active", (string)(await api.Get($"/v1/card_tokens/{token}")).Is(HttpStatusCode.OK)["status"]!);
    }

    [Fact]
    public async Task A_customer_payer_that_does_not_exist_is_2002()
    {
        var api = app.Seller();
        var reply = await api.Post("/v1/payments", new
        {
            transaction_amount = 10m, token = await api.CardToken(), installments = 1,
            payer = new { type = "customer", id = $"{api.UserId}-NoSuchCustomer1" },
        });
        reply.IsError(400, 2002);
    }

    [Fact]
    public async Task A_customer_payer_named_only_by_an_email_that_is_no_customer_pays_as_that_email()
    {
        var api = app.Seller();
        var email = $"gone_{Guid.NewGuid():N}@testuser.com";
        var customerId = await api.Customer(email);
        (await api.Delete($"/v1/customers/{customerId}")).Is(HttpStatusCode.OK);

        var reply = (await api.Post("/v1/payments", new
        {
            transaction_amount = 10m, token = await api.CardToken(), installments = 1, payer = new { type = "customer", email },
        })).Is(HttpStatusCode.Created);
        Assert.Equal("approved", (string)reply["status"]!);
        Assert.Equal(email, (string)reply["payer"]!["email"]!);
        Assert.NotEqual(customerId, (string)reply["payer"]!["id"]!);
    }

    [Fact]
    public async Task A_customer_payer_named_by_email_is_that_customer()
    {
        var api = app.Seller();
        var email = $"kept_{Guid.NewGuid():N}@testuser.com";
        var customerId = await api.Customer(email);

        var reply = (await api.Post("/v1/payments", new
        {
            transaction_amount = 10m, token = await api.CardToken(), installments = 1, payer = new { type = "customer", email },
        })).Is(HttpStatusCode.Created);
        Assert.Equal(customerId, (string)reply["payer"]!["id"]!);
    }

    /// <summary>Fields the official SDKs' payment types declare beyond §6.2 (Node SDK 3.6.1 <c>PaymentResponse</c> and
    /// .NET <c>Resource/Payment/Payment</c>), with the JSON kind each gets.</summary>
    [Theory]
    [InlineData("card", "build_version", JsonValueKind.String)]
    [InlineData("card", "pos_id", JsonValueKind.Null)]
    [InlineData("card", "store_id", JsonValueKind.Null)]
    [InlineData("card", "campaign_id", JsonValueKind.Null)]
    [InlineData("card", "coupon_code", JsonValueKind.Null)]
    [InlineData("card", "net_amount", JsonValueKind.Null)]
    [InlineData("card", "payment_method_option_id", JsonValueKind.Null)]
    [InlineData("card", "three_ds_info", JsonValueKind.Null)]
    [InlineData("card", "internal_metadata", JsonValueKind.Null)]
    [InlineData("card", "payment_method.data", JsonValueKind.Null)]
    [InlineData("card", "payer.address", JsonValueKind.Null)]
    [InlineData("card", "payer.authentication_type", JsonValueKind.Null)]
    [InlineData("card", "payer.is_prime_user", JsonValueKind.Null)]
    [InlineData("card", "payer.is_first_purchase_online", JsonValueKind.Null)]
    [InlineData("card", "payer.registration_date", JsonValueKind.Null)]
    [InlineData("card", "payer.last_purchase", JsonValueKind.Null)]
    [InlineData("card", "transaction_details.transaction_id", JsonValueKind.Null)]
    [InlineData("card", "transaction_details.verification_code", JsonValueKind.Null)]
    [InlineData("card", "transaction_details.bank_transfer_id", JsonValueKind.Null)]
    [InlineData("card", "card.bin", JsonValueKind.String)]
    [InlineData("card", "point_of_interaction.application_data", JsonValueKind.Object)]
    [InlineData("pix", "point_of_interaction.transaction_data.bank_transfer_id", JsonValueKind.Null)]
    [InlineData("pix", "point_of_interaction.transaction_data.financial_institution", JsonValueKind.Null)]
    [InlineData("pix", "point_of_interaction.transaction_data.bank_info.payer", JsonValueKind.Object)]
    [InlineData("pix", "point_of_interaction.transaction_data.bank_info.collector", JsonValueKind.Object)]
    [InlineData("pix", "point_of_interaction.transaction_data.bank_info.is_same_bank_account_owner", JsonValueKind.Null)]
    [InlineData("pix", "point_of_interaction.transaction_data.subscription_id", JsonValueKind.Null)]
    public async Task Every_field_the_sdks_declare_is_there_with_its_kind(string kind, string path, JsonValueKind expected)
    {
        var api = app.Seller();
        var reply = (kind == "pix" ? await Pay.Pix(api) : await Pay.Card(api)).Is(HttpStatusCode.Created);
        System.Text.Json.Nodes.JsonNode node = reply.Json!;
        foreach (var part in path.Split('.'))
        {
            Assert.True(node.AsObject().ContainsKey(part), $"missing {path}: {reply.Body}");
            node = node[part]!;
            if (node is null) break;
        }
        Assert.Equal(expected, node?.GetValueKind() ?? JsonValueKind.Null);
    }

    [Fact]
    public async Task Another_sellers_customer_is_2002()
    {
        var customerId = await app.Seller().Customer();
        var api = app.Seller();
        var reply = await api.Post("/v1/payments", new
        {
            transaction_amount = 10m, token = await api.CardToken(), installments = 1, payer = new { type = "customer", id = customerId },
        });
        reply.IsError(400, 2002);
    }

    [Fact]
    public async Task A_pix_payment_waits_for_transfer_with_a_valid_br_code_and_png_qr_for_24_hours()
    {
        var api = app.Seller();
        var reply = (await Pay.Pix(api, 123.45m)).Is(HttpStatusCode.Created);

        Assert.Equal(("pending", "pending_waiting_transfer"), ((string)reply["status"]!, (string)reply["status_detail"]!));
        Assert.Equal("pix", (string)reply["payment_method_id"]!);
        Assert.Equal("bank_transfer", (string)reply["payment_type_id"]!);
        Assert.Equal(Now(TimeSpan.FromHours(24)), (string)reply["date_of_expiration"]!);
        Assert.Null(reply["date_approved"]);
        Assert.Empty(reply["fee_details"]!.AsArray());
        Assert.Empty(reply["card"]!.AsObject());

        var poi = reply["point_of_interaction"]!;
        Assert.Equal("OPENPLATFORM", (string)poi["type"]!);
        var qr = (string)poi["transaction_data"]!["qr_code"]!;
        Assert.StartsWith("000201", qr);
        Assert.Contains("br.gov.bcb.pix", qr);
        Assert.Contains("5303986", qr);
        Assert.Contains("5406123.45", qr);
        Assert.Equal("6304", qr[^8..^4]);
        Assert.Equal(Pay.Crc16(qr[..^4]), qr[^4..]);

        var png = Convert.FromBase64String((string)poi["transaction_data"]!["qr_code_base64"]!);
        Assert.Equal(Pay.PngSignature, png.Take(8));
        Assert.StartsWith("https://", (string)poi["transaction_data"]!["ticket_url"]!);
    }

    [Fact]
    public async Task A_boleto_waits_for_payment_with_a_ticket_url_and_a_barcode()
    {
        var api = app.Seller();
        var body = Pay.PixBody(100m);
        body["payment_method_id"] = "bolbradesco";
        var reply = (await api.Post("/v1/payments", body)).Is(HttpStatusCode.Created);

        Assert.Equal(("pending", "pending_waiting_payment"), ((string)reply["status"]!, (string)reply["status_detail"]!));
        Assert.Equal("ticket", (string)reply["payment_type_id"]!);
        var details = reply["transaction_details"]!;
        Assert.StartsWith("https://", (string)details["external_resource_url"]!);
        Assert.Matches("^[0-9]{44}$", (string)details["barcode"]!["content"]!);
        Assert.Matches(DatePattern, (string)reply["date_of_expiration"]!);
        Assert.True(DateTimeOffset.Parse((string)reply["date_of_expiration"]!) > app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_rejected_payment_also_consumes_the_token_our_choice_for_an_unverified_rule()
    {
        var api = app.Seller();
        var token = await api.CardToken("FUND");
        var rejected = (await api.Post("/v1/payments", Pay.CardBody(token))).Is(HttpStatusCode.Created);
        Assert.Equal("rejected", (string)rejected["status"]!);

        (await api.Post("/v1/payments", Pay.CardBody(token))).IsError(400, 3003);
        Assert.Equal("used", (string)(await api.Get($"/v1/card_tokens/{token}")).Is(HttpStatusCode.OK)["status"]!);
    }

    const string PayerEmail = Pay.PayerEmail;

    /// <summary>Issue 14: a Pix created already past its expiry answered pending and read as expired at once.</summary>
    [Fact]
    public async Task A_pix_whose_date_of_expiration_is_already_past_is_refused_and_not_created()
    {
        var api = app.Seller();
        var past = (app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");
        var refused = await api.Post("/v1/payments", new { transaction_amount = 10, payment_method_id = "pix", date_of_expiration = past, payer = new { email = "p@b.com" } });
        refused.IsError(400, 1);
        Assert.Contains("date_of_expiration must be a date in the future", refused.Body);
        Assert.Equal(0, (int)(await api.Get("/v1/payments/search"))["paging"]!["total"]!);
    }
}
