using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Orders;

/// <summary>What happens to an order after it is created: processing, capture, cancel, refunds, the clock and the
/// admin plane, each moving the payment charged for it and the order with it.</summary>
public sealed class OrderLifecycleTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    [Fact]
    public async Task A_manual_order_is_created_then_charged_when_processed_once()
    {
        var api = app.Seller();
        var order = (await Ord.CardOrder(api, processingMode: "manual")).Created();
        Assert.Equal(("created", "created"), order.Json!.Status());
        Assert.Equal(("created", "created"), order.Payment().Status());
        Assert.Null(order.Payment()["reference_id"]);

        var processed = (await api.Post($"/v1/orders/{order.Id()}/process", null)).Ok();
        Assert.Equal(("processed", "accredited"), processed.Json!.Status());
        Assert.Equal(order.Payment()["id"]!.ToString(), processed.Payment()["id"]!.ToString());

        (await api.Post($"/v1/orders/{order.Id()}/process", null)).IsOrderError(409, "cannot_process_order");
        (await api.Post($"/v1/orders/{(await Ord.CardOrder(api)).Id()}/process", null)).IsOrderError(409, "cannot_process_order");
    }

    [Fact]
    public async Task A_manual_capture_order_waits_for_capture_then_is_captured_once()
    {
        var api = app.Seller();
        var order = (await Ord.CardOrder(api, captureMode: "manual")).Created();
        Assert.Equal(("action_required", "waiting_capture"), order.Json!.Status());
        Assert.Equal(("action_required", "waiting_capture"), order.Payment().Status());

        var captured = (await api.Post($"/v1/orders/{order.Id()}/capture", null)).Ok();
        Assert.Equal(("processed", "accredited"), captured.Json!.Status());
        Assert.Equal(("processed", "accredited"), captured.Payment().Status());
        var payment = (await api.Get($"/v1/payments/{(string?)captured.Payment()["reference_id"]}")).Is(HttpStatusCode.OK);
        Assert.Equal(("approved", true), ((string?)payment["status"], (bool)payment["captured"]!));

        (await api.Post($"/v1/orders/{order.Id()}/capture", null)).IsOrderError(409, "cannot_capture_order");
    }

    [Fact]
    public async Task An_authorized_order_is_cancelled_and_a_processed_one_cannot_be()
    {
        var api = app.Seller();
        var order = (await Ord.CardOrder(api, captureMode: "manual")).Created();

        var cancelled = (await api.Post($"/v1/orders/{order.Id()}/cancel", null)).Ok();
        Assert.Equal(("cancelled", "cancelled"), cancelled.Json!.Status());
        Assert.Equal(("cancelled", "cancelled_transaction"), cancelled.Payment().Status());
        (await api.Post($"/v1/orders/{order.Id()}/cancel", null)).IsOrderError(409, "cannot_cancel_order");
        (await api.Post($"/v1/orders/{(await Ord.CardOrder(api)).Id()}/cancel", null)).IsOrderError(409, "cannot_cancel_order");
    }

    [Fact]
    public async Task A_manual_order_cancelled_before_processing_charges_nothing()
    {
        var api = app.Seller();
        var order = (await Ord.CardOrder(api, processingMode: "manual")).Created();

        var cancelled = (await api.Post($"/v1/orders/{order.Id()}/cancel", null)).Ok();
        Assert.Equal(("cancelled", "cancelled"), cancelled.Json!.Status());
        (await api.Post($"/v1/orders/{order.Id()}/process", null)).IsOrderError(409, "cannot_process_order");
        var payments = (await api.Get("/v1/payments/search")).Is(HttpStatusCode.OK);
        Assert.Equal(0, (int)payments["paging"]!["total"]!);
    }

    [Fact]
    public async Task A_partial_refund_of_a_transaction_then_the_rest_refunds_the_order()
    {
        var api = app.Seller();
        var order = (await Ord.CardOrder(api)).Created();
        var transaction = (string)order.Payment()["id"]!;

        var partial = (await api.Post($"/v1/orders/{order.Id()}/refund",
            new { transactions = new[] { new { id = transaction, amount = "25.00" } } })).Created();
        Assert.Equal(("processed", "partially_refunded"), partial.Json!.Status());
        var refund = partial["transactions"]!["refunds"]![0]!;
        Assert.Equal(("25.00", "processed", transaction), ((string?)refund["amount"], (string?)refund["status"], (string?)refund["transaction_id"]));
        Assert.Equal("25.00", (string?)partial.Payment()["refunded_amount"]);

        var total = (await api.Post($"/v1/orders/{order.Id()}/refund", null)).Created();
        Assert.Equal(("refunded", "refunded"), total.Json!.Status());
        Assert.Equal(("refunded", "refunded"), total.Payment().Status());
        Assert.Equal("175.00", (string?)total["transactions"]!["refunds"]![1]!["amount"]);
        var payment = (await api.Get($"/v1/payments/{(string?)total.Payment()["reference_id"]}")).Is(HttpStatusCode.OK);
        Assert.Equal(("refunded", 200m), ((string?)payment["status"], (decimal)payment["transaction_amount_refunded"]!));

        (await api.Post($"/v1/orders/{order.Id()}/refund", null)).IsOrderError(409, "cannot_refund_order");
    }

    [Fact]
    public async Task Refunds_of_too_much_or_of_an_unknown_transaction_are_refused()
    {
        var api = app.Seller();
        var order = (await Ord.CardOrder(api)).Created();
        var transaction = (string)order.Payment()["id"]!;
        (await api.Post($"/v1/orders/{order.Id()}/refund", new { transactions = new[] { new { id = transaction, amount = "900.00" } } }))
            .IsOrderError(400, "invalid_properties");
        (await api.Post($"/v1/orders/{order.Id()}/refund", new { transactions = new[] { new { id = "PAY0", amount = "1.00" } } }))
            .IsOrderError(404, "transaction_not_found");
        (await api.Post($"/v1/orders/{(await Ord.CardOrder(api, "OTHE")).Id()}/refund", null)).IsOrderError(409, "cannot_refund_order");
    }

    [Fact]
    public async Task A_pix_order_paid_through_the_admin_plane_is_processed()
    {
        var api = app.Seller();
        var order = (await api.Post("/v1/orders", Ord.Offline("pix", "bank_transfer"))).Created();

        var paid = (await api.Post($"/__admin/orders/{order.Id()}/actions", new { action = "approve" })).Ok();
        Assert.Equal(("processed", "accredited"), paid.Json!.Status());
        Assert.Equal(("processed", "accredited"), (await api.Get($"/v1/orders/{order.Id()}")).Ok().Json!.Status());
        (await api.Post($"/__admin/orders/{order.Id()}/actions", new { action = "approve" })).IsBareError(409, "conflict");
        (await api.Post("/__admin/orders/ORD0/actions", new { action = "approve" })).IsBareError(404, "order_not_found");
    }

    [Fact]
    public async Task Unpaid_pix_expires_and_an_uncaptured_authorization_lapses_on_the_emulator_clock()
    {
        using var own = new EmulatorApp();
        var api = own.Seller();
        var pix = (await api.Post("/v1/orders", Ord.Offline("pix", "bank_transfer"))).Created();
        var authorized = (await Ord.CardOrder(api, captureMode: "manual")).Created();

        (await api.Post("/__admin/clock/advance", new { duration = "PT24H1S" })).Is(HttpStatusCode.OK);
        var expired = (await api.Get($"/v1/orders/{pix.Id()}")).Ok();
        Assert.Equal(("expired", "expired"), expired.Json!.Status());
        Assert.Equal(("expired", "expired"), expired.Payment().Status());
        Assert.Equal(("action_required", "waiting_capture"), (await api.Get($"/v1/orders/{authorized.Id()}")).Json!.Status());

        (await api.Post("/__admin/clock/advance", new { duration = "P7D" })).Is(HttpStatusCode.OK);
        Assert.Equal(("expired", "expired"), (await api.Get($"/v1/orders/{authorized.Id()}")).Json!.Status());
        (await api.Post($"/v1/orders/{authorized.Id()}/capture", null)).IsOrderError(409, "cannot_capture_order");
    }

    [Fact]
    public async Task A_pix_order_with_an_expiration_time_expires_then()
    {
        using var own = new EmulatorApp();
        var api = own.Seller();
        var body = Ord.Offline("pix", "bank_transfer");
        body["transactions"]!["payments"]![0]!["expiration_time"] = "PT30M";
        var order = (await api.Post("/v1/orders", body)).Created();
        Assert.Equal("PT30M", (string?)order.Payment()["expiration_time"]);

        (await api.Post("/__admin/clock/advance", new { duration = "PT31M" })).Is(HttpStatusCode.OK);
        Assert.Equal(("expired", "expired"), (await api.Get($"/v1/orders/{order.Id()}")).Json!.Status());
    }

    [Fact]
    public async Task Transactions_of_a_manual_order_are_added_changed_and_removed_until_it_is_processed()
    {
        var api = app.Seller();
        var body = Ord.Card(await api.CardToken(), processingMode: "manual");
        var payments = body["transactions"]!["payments"]!.DeepClone();
        body.Remove("transactions");
        var order = (await api.Post("/v1/orders", body)).Created();
        Assert.Empty(order["transactions"]!["payments"]!.AsArray());

        var added = (await api.Post($"/v1/orders/{order.Id()}/transactions", new JsonObject { ["payments"] = payments })).Is(HttpStatusCode.Created);
        var transaction = (string)added["payments"]![0]!["id"]!;
        (await api.Post($"/v1/orders/{order.Id()}/transactions", new JsonObject { ["payments"] = payments.DeepClone() }))
            .IsOrderError(400, "maximum_items");

        var updated = (await api.Put($"/v1/orders/{order.Id()}/transactions/{transaction}",
            new { payment_method = new { installments = 3 } })).Is(HttpStatusCode.OK).Valid("OrderTransactionPayment");
        Assert.Equal(3, (int)updated["payment_method"]!["installments"]!);

        (await api.Delete($"/v1/orders/{order.Id()}/transactions/{transaction}")).Is(HttpStatusCode.NoContent);
        (await api.Delete($"/v1/orders/{order.Id()}/transactions/{transaction}")).IsOrderError(404, "transaction_not_found");
        (await api.Post($"/v1/orders/{order.Id()}/process", null)).IsOrderError(400, "required_properties");

        (await api.Post($"/v1/orders/{order.Id()}/transactions", new JsonObject { ["payments"] = payments.DeepClone() })).Is(HttpStatusCode.Created);
        var processed = (await api.Post($"/v1/orders/{order.Id()}/process", null)).Ok();
        Assert.Equal(("processed", "accredited"), processed.Json!.Status());
        (await api.Post($"/v1/orders/{order.Id()}/transactions", new JsonObject { ["payments"] = payments.DeepClone() }))
            .IsOrderError(409, "operation_not_supported");
    }

    [Fact]
    public async Task Search_needs_a_date_range_and_filters_pages_and_sorts()
    {
        var api = app.Seller();
        var reference = $"ref-{Guid.NewGuid():N}";
        var first = (await api.Post("/v1/orders", Ord.Card(await api.CardToken(), reference: reference))).Created();
        var second = (await api.Post("/v1/orders", Ord.Card(await api.CardToken("OTHE"), reference: reference))).Created();
        (await Ord.CardOrder(api)).Created();
        const string range = "begin_date=2020-01-01T00:00:00Z&end_date=2099-01-01T00:00:00Z";

        (await api.Get("/v1/orders")).IsOrderError(400, "required_properties");
        (await api.Get("/v1/orders?begin_date=yesterday&end_date=2099-01-01T00:00:00Z")).IsOrderError(400, "property_value");
        var byReference = (await api.Get($"/v1/orders?{range}&external_reference={reference}")).Is(HttpStatusCode.OK).Valid("OrderSearchResult");
        Assert.Equal([second.Id(), first.Id()], byReference["data"]!.AsArray().Select(o => (string)o!["id"]!));
        Assert.Equal("2", (string?)byReference["paging"]!["total"]);
        var failed = (await api.Get($"/v1/orders?{range}&status=failed")).Is(HttpStatusCode.OK).Valid("OrderSearchResult");
        Assert.Equal([second.Id()], failed["data"]!.AsArray().Select(o => (string)o!["id"]!));
        var page = (await api.Get($"/v1/orders?{range}&sort_order=asc&page=2&page_size=1")).Is(HttpStatusCode.OK).Valid("OrderSearchResult");
        Assert.Equal([second.Id()], page["data"]!.AsArray().Select(o => (string)o!["id"]!));
        Assert.Equal(("3", "3", "1", "1"), ((string?)page["paging"]!["total"], (string?)page["paging"]!["total_pages"],
            (string?)page["paging"]!["offset"], (string?)page["paging"]!["limit"]));
        var none = (await api.Get("/v1/orders?begin_date=2020-01-01T00:00:00Z&end_date=2021-01-01T00:00:00Z")).Is(HttpStatusCode.OK).Valid("OrderSearchResult");
        Assert.Empty(none["data"]!.AsArray());
    }
}
