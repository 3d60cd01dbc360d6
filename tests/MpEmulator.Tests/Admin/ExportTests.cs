using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Payments;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

public sealed class ExportTests
{
    [Fact]
    public async Task An_export_loaded_after_a_reset_gives_back_the_same_state_and_the_same_export()
    {
        using var app = new EmulatorApp();
        var seller = app.Seller();
        var other = app.Seller();
        var admin = app.Seller();
        (await admin.Post("/__admin/fixtures", new
        {
            sellers = new[] { new { access_token = other.Token, site_id = "MLB", webhook_secret = "s3cret", release_days = 3 } },
        })).Is(HttpStatusCode.Created);
        var customer = await seller.Customer("buyer@testuser.com");
        await Pay.SavedCard(seller, customer);
        (await seller.Post($"/v1/customers/{customer}/cards", new { token = await seller.CardToken("ANA SOUZA", TestCards.MlbVisa) })).Is(HttpStatusCode.Created);
        await other.Customer();
        (await seller.Post($"/v1/customers/{customer}/addresses", new { street_name = "Rua A", street_number = 10, zip_code = "01001000" })).Is(HttpStatusCode.Created);
        var home = (string)(await seller.Post($"/v1/customers/{customer}/addresses", new { street_name = "Rua B", zip_code = "01002000" }))
            .Is(HttpStatusCode.Created)["id"]!;
        (await seller.Put($"/v1/customers/{customer}", new { default_address = home })).Is(HttpStatusCode.OK);
        var customerBefore = (await seller.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK).Json!;

        var approved = (await Pay.Card(seller, amount: 300m)).Id();
        (await seller.Post($"/v1/payments/{approved}/refunds", new { amount = 50m })).Is(HttpStatusCode.Created);
        (await seller.Post($"/v1/payments/{approved}/refunds", new { amount = 25m })).Is(HttpStatusCode.Created);
        var refunded = (await Pay.Card(seller, amount: 80m)).Id();
        (await seller.Post($"/v1/payments/{refunded}/refunds", new { })).Is(HttpStatusCode.Created);
        await Pay.Card(seller, "FUND");
        await Pay.Card(seller, "CONT");
        await Pay.Card(other, capture: false);
        var cancelled = (await Pay.Card(seller, capture: false)).Id();
        (await seller.Put($"/v1/payments/{cancelled}", new { status = "cancelled" })).Is(HttpStatusCode.OK);
        await Pay.Pix(seller);
        foreach (var action in new[] { "expire", "charge_back", "mediate" })
        {
            var id = action == "expire" ? (await Pay.Pix(seller)).Id() : (await Pay.Card(seller)).Id();
            (await admin.Post($"/__admin/payments/{id}/actions", new { action })).Is(HttpStatusCode.OK);
        }
        var byCustomer = Pay.CardBody(await seller.CardToken(), 42m);
        byCustomer["payer"] = new { type = "customer", id = customer };
        (await seller.Post("/v1/payments", byCustomer)).Is(HttpStatusCode.Created);
        (await admin.Post("/__admin/rules", new { match = new { path = "/v1/payments", transaction_amount = 666 }, respond = new { status = "rejected", status_detail = "cc_rejected_high_risk" }, times = 2 }))
            .Is(HttpStatusCode.Created);

        var first = (await admin.Get("/__admin/export")).Is(HttpStatusCode.OK).Json!.AsObject();
        var statuses = first["payments"]!.AsArray().Select(p => $"{p!["status"]}/{p["status_detail"]}").ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "approved/partially_refunded", "refunded/refunded", "rejected/cc_rejected_insufficient_amount", "in_process/pending_contingency",
            "authorized/pending_capture", "cancelled/by_collector", "pending/pending_waiting_transfer", "cancelled/expired",
            "charged_back/settled", "in_mediation/pending", "approved/accredited",
        }, statuses);
        var before = (await seller.Get($"/v1/payments/{approved}")).Is(HttpStatusCode.OK).Json!;

        (await admin.Post("/__admin/reset", new { })).Is(HttpStatusCode.OK);
        Assert.Empty((await admin.Get("/__admin/export")).Json!["payments"]!.AsArray());
        (await admin.Post("/__admin/fixtures", first)).Is(HttpStatusCode.Created);

        var second = (await admin.Get("/__admin/export")).Is(HttpStatusCode.OK).Json!.AsObject();
        Assert.Equal(WithoutDescription(first), WithoutDescription(second));
        var after = (await seller.Get($"/v1/payments/{approved}")).Is(HttpStatusCode.OK).Json!;
        foreach (var field in new[] { "status", "status_detail", "transaction_amount", "transaction_amount_refunded", "date_created", "payment_method_id" })
            Assert.Equal(before[field]!.ToJsonString(), after[field]!.ToJsonString());
        var cards = (await seller.Get($"/v1/customers/{customer}/cards")).Is(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal(2, cards.Count);
        var customerAfter = (await seller.Get($"/v1/customers/{customer}")).Is(HttpStatusCode.OK).Json!;
        foreach (var field in new[] { "addresses", "default_address", "address" })
            Assert.Equal(customerBefore[field]!.ToJsonString(), customerAfter[field]!.ToJsonString());
        Assert.Equal("/v1/payments", (string)(await admin.Get("/__admin/rules")).Json![0]!["match"]!["path"]!);
        var next = (await Pay.Card(seller)).Id();
        Assert.True(next > first["payments"]!.AsArray().Max(p => (long)p!["id"]!), "new payments take ids after the imported ones");
    }

    [Fact]
    public async Task An_export_of_one_seller_holds_only_that_sellers_data()
    {
        using var app = new EmulatorApp();
        var seller = app.Seller();
        var other = app.Seller();
        await seller.Customer();
        await Pay.Pix(seller);
        await Pay.Pix(other);

        var export = (await app.Seller().Get($"/__admin/export?seller={seller.UserId}")).Is(HttpStatusCode.OK).Json!;
        var payment = Assert.Single(export["payments"]!.AsArray())!;
        Assert.EndsWith($"-{seller.UserId}", (string)payment["seller"]!);
        Assert.Single(export["customers"]!.AsArray());
        Assert.Single(export["sellers"]!.AsArray());
    }

    [Fact]
    public async Task A_fixture_id_in_use_or_not_positive_is_refused_and_loads_nothing()
    {
        using var app = new EmulatorApp();
        var seller = app.Seller();
        var taken = (await Pay.Pix(seller)).Id();
        var customer = await seller.Customer();
        var reply = (await app.Seller().Post("/__admin/fixtures", new
        {
            customers = new object[] { new { seller = seller.Token, id = customer, email = "other@testuser.com" } },
            payments = new object[]
            {
                new { seller = seller.Token, id = taken, transaction_amount = 10, payment_method_id = "pix", status = "pending" },
                new { seller = seller.Token, id = 0, transaction_amount = 10, payment_method_id = "pix", status = "pending" },
            },
        })).Is(HttpStatusCode.BadRequest);
        var causes = reply.Json!["cause"]!.AsArray().Select(c => (string)c!["data"]!).ToList();
        Assert.Equal(["$.customers[0]", "$.payments[0]", "$.payments[1]"], causes);
        Assert.Empty((await seller.Get("/v1/customers/search?email=other@testuser.com")).Json!["results"]!.AsArray());
    }

    [Theory]
    [InlineData("503143", "6351", 16)]
    [InlineData("375365", "6885", 15)]
    [InlineData("423564", "5682", 0)]
    public void A_stored_cards_digits_become_a_number_that_passes_Luhn(string firstSix, string lastFour, int length)
    {
        var number = MpEmulator.Fixtures.FixtureExport.CardNumber(firstSix, lastFour, length);
        Assert.StartsWith(firstSix, number);
        Assert.EndsWith(lastFour, number);
        Assert.Equal(0, number.Reverse().Select((c, i) => (c - '0') * (i % 2 == 1 ? 2 : 1)).Sum(n => n > 9 ? n - 9 : n) % 10);
    }

    static string WithoutDescription(JsonObject export)
    {
        var copy = export.DeepClone().AsObject();
        copy.Remove("description");
        return copy.ToJsonString();
    }
}
