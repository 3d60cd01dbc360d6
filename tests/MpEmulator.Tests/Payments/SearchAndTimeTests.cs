using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

public sealed class SearchAndTimeTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static async Task<Reply> Search(Api api, string query) => (await api.Get($"/v1/payments/search?{query}")).Is(HttpStatusCode.OK);

    static long[] Ids(Reply page) => page["results"]!.AsArray().Select(r => (long)r!["id"]!).ToArray();

    static (int Total, int Limit, int Offset) Paging(Reply page) =>
        ((int)page["paging"]!["total"]!, (int)page["paging"]!["limit"]!, (int)page["paging"]!["offset"]!);

    string Iso(TimeSpan plus) =>
        Uri.EscapeDataString((app.Clock.GetUtcNow() + plus).ToOffset(TimeSpan.FromHours(-4)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

    [Fact]
    public async Task Filters_narrow_the_results_to_matching_payments()
    {
        var api = app.Seller();
        var approvedRef = Pay.Reference();
        var approved = (await Pay.Card(api, "APRO", reference: approvedRef)).Is(HttpStatusCode.Created).Id();
        var rejected = (await Pay.Card(api, "FUND")).Is(HttpStatusCode.Created).Id();
        var pixBody = Pay.PixBody();
        pixBody["payer"] = new { email = "pix_buyer@testuser.com" };
        var pix = (await api.Post("/v1/payments", pixBody)).Is(HttpStatusCode.Created).Id();

        Assert.Equal([approved], Ids(await Search(api, $"external_reference={approvedRef}")));
        Assert.Equal([rejected], Ids(await Search(api, "status=rejected")));
        Assert.Equal([pix], Ids(await Search(api, "payment_method_id=pix")));
        Assert.Equal([pix], Ids(await Search(api, "payer.email=pix_buyer@testuser.com")));
        Assert.Equal([rejected], Ids(await Search(api, "status=rejected&payment_method_id=master")));
        Assert.Empty(Ids(await Search(api, "status=rejected&payment_method_id=pix")));
        Assert.Equal(3, Paging(await Search(api, "")).Total);

        var page = await Search(api, $"external_reference={approvedRef}");
        Assert.Equal("approved", (string)page["results"]![0]!["status"]!);
        Assert.Equal(1, Paging(page).Total);
    }

    /// <summary>Pending Pix payments, the clock a minute further after each; their ids, oldest first.</summary>
    async Task<List<long>> PixAMinuteApart(Api api, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Pay.Pix(api)).Is(HttpStatusCode.Created).Id());
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        return ids;
    }

    [Fact]
    public async Task Results_sort_by_date_created_in_either_direction()
    {
        var api = app.Seller();
        var ids = await PixAMinuteApart(api, 3);

        Assert.Equal(ids, Ids(await Search(api, "sort=date_created&criteria=asc")));
        Assert.Equal(Enumerable.Reverse(ids), Ids(await Search(api, "sort=date_created&criteria=desc")));
        Assert.Equal(Enumerable.Reverse(ids), Ids(await Search(api, "sort=date_created")));
    }

    [Fact]
    public async Task With_no_sort_the_newest_come_first_and_each_lead_filter_counts_exactly_its_matches()
    {
        var api = app.Seller();
        var pix = await PixAMinuteApart(api, 3);
        var card = (await Pay.Card(api)).Is(HttpStatusCode.Created).Id();

        var all = await Search(api, "");
        Assert.Equal([card, .. Enumerable.Reverse(pix)], Ids(all));
        Assert.Equal((4, 30, 0), Paging(all));
        var pending = await Search(api, "status=pending&limit=2");
        Assert.Equal(pix[^2..].AsEnumerable().Reverse(), Ids(pending));
        Assert.Equal((3, 2, 0), Paging(pending));
        Assert.Equal((1, 30, 0), Paging(await Search(api, "status=approved")));
    }

    /// <summary>The search keys put the owner, the value and the date in one string: a reference that starts like
    /// another one followed by a bar ("order|2020") must still be a different reference.</summary>
    [Fact]
    public async Task A_reference_is_matched_whole_even_when_another_one_extends_it_with_a_bar()
    {
        var api = app.Seller();
        var reference = Pay.Reference();
        var exact = (await api.Post("/v1/payments", Pay.PixBody(reference: reference))).Is(HttpStatusCode.Created).Id();
        foreach (var longer in new[] { $"{reference}|2020", $"{reference}\\p2020", $"{reference}|" })
            (await api.Post("/v1/payments", Pay.PixBody(reference: longer))).Is(HttpStatusCode.Created);

        var found = await Search(api, $"external_reference={Uri.EscapeDataString(reference)}");
        Assert.Equal([exact], Ids(found));
        Assert.Equal((1, 30, 0), Paging(found));
        Assert.Equal((1, 30, 0), Paging(await Search(api, $"external_reference={Uri.EscapeDataString(reference + "|2020")}")));
    }

    [Fact]
    public async Task Limit_and_offset_page_through_every_payment_exactly_once()
    {
        var api = app.Seller();
        var created = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Pay.Pix(api)).Is(HttpStatusCode.Created).Id());
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var all = await Search(api, "");
        Assert.Equal((5, 30, 0), Paging(all));

        var seen = new List<long>();
        foreach (var offset in new[] { 0, 2, 4 })
        {
            var page = await Search(api, $"limit=2&offset={offset}&sort=date_created&criteria=asc");
            Assert.Equal((5, 2, offset), Paging(page));
            Assert.Equal(Math.Min(2, 5 - offset), Ids(page).Length);
            seen.AddRange(Ids(page));
        }
        Assert.Equal(created, seen);

        var beyond = await Search(api, "limit=2&offset=10");
        Assert.Equal((5, 2, 10), Paging(beyond));
        Assert.Empty(Ids(beyond));
    }

    [Fact]
    public async Task Empty_limit_and_offset_as_the_dotnet_sdk_sends_them_use_the_defaults()
    {
        var api = app.Seller();
        await Pay.Pix(api);
        Assert.Equal((1, 30, 0), Paging(await Search(api, "limit=&offset=")));
    }

    [Fact]
    public async Task A_limit_over_1000_or_an_offset_over_10000_is_code_1000()
    {
        var api = app.Seller();
        (await api.Get("/v1/payments/search?limit=1001")).IsError(400, 1000);
        (await api.Get("/v1/payments/search?offset=10001")).IsError(400, 1000);
        Assert.Equal(1000, Paging(await Search(api, "limit=1000")).Limit);
    }

    [Fact]
    public async Task Relative_dates_select_the_last_day()
    {
        var api = app.Seller();
        var old = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        app.Clock.Advance(TimeSpan.FromDays(2));
        var recent = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();

        Assert.Equal([recent], Ids(await Search(api, "begin_date=NOW-1DAYS&end_date=NOW")));
        Assert.Equal([old], Ids(await Search(api, "begin_date=NOW-3DAYS&end_date=NOW-1DAYS")));
        Assert.Equal(2, Paging(await Search(api, "range=date_created&begin_date=NOW-1WEEKS&end_date=NOW")).Total);
    }

    [Fact]
    public async Task Iso_dates_select_a_window_and_a_bad_date_is_1001()
    {
        var api = app.Seller();
        var before = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var inside = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();
        app.Clock.Advance(TimeSpan.FromHours(1));
        var after = (await Pay.Pix(api)).Is(HttpStatusCode.Created).Id();

        var window = await Search(api, $"begin_date={Iso(TimeSpan.FromMinutes(-70))}&end_date={Iso(TimeSpan.FromMinutes(-50))}");
        Assert.Equal([inside], Ids(window));
        Assert.DoesNotContain(before, Ids(window));
        Assert.DoesNotContain(after, Ids(window));

        (await api.Get("/v1/payments/search?begin_date=yesterday&end_date=NOW")).IsError(400, 1001);
    }

    [Fact]
    public async Task A_seller_never_finds_another_sellers_payments()
    {
        var a = app.Seller();
        var b = app.Seller();
        var reference = Pay.Reference();
        var mine = (await Pay.Pix(a, reference: reference)).Is(HttpStatusCode.Created).Id();

        Assert.Equal(0, Paging(await Search(b, $"external_reference={reference}")).Total);
        Assert.Empty(Ids(await Search(b, "")));
        Assert.Empty(Ids(await Search(b, $"id={mine}")));
        Assert.Equal([mine], Ids(await Search(a, $"id={mine}")));
    }

    [Fact]
    public async Task An_authorization_not_captured_within_five_days_reads_as_cancelled_expired()
    {
        var api = app.Seller();
        var reference = Pay.Reference();
        var id = (await Pay.Card(api, capture: false, reference: reference)).Is(HttpStatusCode.Created).Id();

        app.Clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));
        Assert.Equal("authorized", (string)(await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var read = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "expired"), ((string)read["status"]!, (string)read["status_detail"]!));
        Assert.False((bool)read["captured"]!);

        var found = (await Search(api, $"external_reference={reference}"))["results"]![0]!;
        Assert.Equal(("cancelled", "expired"), ((string)found["status"]!, (string)found["status_detail"]!));
        (await api.Put($"/v1/payments/{id}", new { capture = true })).IsError(400, 2018);
    }

    [Fact]
    public async Task A_search_for_cancelled_right_after_the_deadline_finds_the_lapsed_authorization_without_a_read_first()
    {
        var api = app.Seller();
        var reference = Pay.Reference();
        var id = (await Pay.Card(api, capture: false, reference: reference)).Is(HttpStatusCode.Created).Id();
        Assert.Empty(Ids(await Search(api, $"status=cancelled&external_reference={reference}")));

        app.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromSeconds(1));
        var page = await Search(api, $"status=cancelled&external_reference={reference}");
        Assert.Equal([id], Ids(page));
        Assert.Equal("expired", (string)page["results"]![0]!["status_detail"]!);
        Assert.Empty(Ids(await Search(api, $"status=authorized&external_reference={reference}")));
    }

    [Fact]
    public async Task A_pix_not_paid_within_24_hours_reads_as_cancelled_expired()
    {
        var api = app.Seller();
        var reference = Pay.Reference();
        var id = (await Pay.Pix(api, reference: reference)).Is(HttpStatusCode.Created).Id();

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal("pending", (string)(await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK)["status"]!);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var read = (await api.Get($"/v1/payments/{id}")).Is(HttpStatusCode.OK);
        Assert.Equal(("cancelled", "expired"), ((string)read["status"]!, (string)read["status_detail"]!));
        Assert.Equal([id], Ids(await Search(api, $"status=cancelled&external_reference={reference}")));
        (await api.Put($"/v1/payments/{id}", new { status = "cancelled" })).IsError(400, 2018);
    }

    [Fact]
    public async Task A_pix_past_its_deadline_is_found_as_cancelled_by_search_alone()
    {
        var api = app.Seller();
        var reference = Pay.Reference();
        var id = (await Pay.Pix(api, reference: reference)).Is(HttpStatusCode.Created).Id();
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.Equal([id], Ids(await Search(api, "status=cancelled&status_detail=expired")));
    }

    [Fact]
    public async Task Money_is_released_after_the_configured_release_days()
    {
        using var fresh = EmulatorApp.With(new Dictionary<string, string?> { ["ReleaseDays"] = "14" });
        var api = fresh.Seller();
        var created = (await Pay.Card(api)).Is(HttpStatusCode.Created);
        Assert.Equal("pending", (string)created["money_release_status"]!);

        fresh.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        Assert.Equal("pending", (string)(await api.Get($"/v1/payments/{created.Id()}")).Is(HttpStatusCode.OK)["money_release_status"]!);
        fresh.Clock.Advance(TimeSpan.FromSeconds(1));
        var released = (await api.Get($"/v1/payments/{created.Id()}")).Is(HttpStatusCode.OK);
        Assert.Equal("released", (string)released["money_release_status"]!);
        Assert.Equal("approved", (string)released["status"]!);
    }
}
