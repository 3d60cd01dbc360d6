using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Admin;

/// <summary>The journal masks card data however the JSON writes its names, and never shows part of a number the 4 KiB
/// limit cut (issue 13, item 9).</summary>
public sealed class JournalRedactionTests
{
    const string Pan = "5031433215406351";

    [Fact]
    public async Task Escaped_names_are_masked_too()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var body = $$$"""{"card\u005fnumber":"{{{Pan}}}","security\u005fcode":"123","expiration_month":11,"expiration_year":2030,"cardholder":{"name":"APRO"}}""";
        (await api.Post("/v1/card_tokens", body)).Is(HttpStatusCode.Created);

        var entry = (await api.Get($"/__admin/requests?path=/v1/card_tokens&seller={api.UserId}")).Is(HttpStatusCode.OK).Json!.AsArray()[0]!;
        var logged = (string)entry["request_body"]!;
        Assert.DoesNotContain(Pan[..12], logged);
        Assert.Contains("************6351", logged);
        Assert.DoesNotContain("123", logged);
    }

    [Fact]
    public void A_number_cut_by_the_limit_is_masked_whole()
    {
        const string before = "{\"cardholder\":{\"name\":\"", after = "\"},\"card_number\":\"";
        var cut = before + new string('A', MpEmulator.Journal.RequestJournal.MaxBody - before.Length - after.Length - 15) + after + Pan[..15];
        Assert.Equal(MpEmulator.Journal.RequestJournal.MaxBody, cut.Length);

        var masked = MpEmulator.Journal.RequestJournal.Redact(cut)!;

        Assert.DoesNotContain(Pan[..8], masked);
        Assert.EndsWith("\"card_number\":\"***************", masked);
    }

    /// <summary>Found by the fuzz suite: the journal answered 500 once it held a body whose name is a lone surrogate.</summary>
    [Fact]
    public async Task A_body_with_a_lone_surrogate_name_is_journaled_and_the_journal_still_reads()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        var body = """{"\udc00":1,"card_number":"5031433215406351"}""";
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Post("/v1/customers", body)).Status);
        var entries = (await api.Get($"/__admin/requests?seller={api.UserId}")).Is(HttpStatusCode.OK).Body;
        Assert.DoesNotContain("503143321540", entries);
    }

    /// <summary>Found by the fuzz suite too: duplicate names made the journal answer 500. A body that does not parse and
    /// holds escapes could hide an escaped card_number, so it is not shown; one without escapes is shown as sent.</summary>
    [Fact]
    public async Task Duplicate_names_are_journaled_and_escaped_ones_are_not_shown()
    {
        using var app = new EmulatorApp();
        var api = app.Seller();
        await api.Post("/v1/card_tokens", $$$"""{"card\u005fnumber":"{{{Pan}}}","card\u005fnumber":"{{{Pan}}}"}""");
        await api.Post("/v1/customers", """{"email":"dup@example.com","email":"dup2@example.com"}""");

        var entries = (await api.Get($"/__admin/requests?seller={api.UserId}")).Is(HttpStatusCode.OK).Json!.AsArray();
        Assert.Equal(MpEmulator.Journal.RequestJournal.Unreadable, (string)entries.Single(e => (string)e!["path"]! == "/v1/card_tokens")!["request_body"]!);
        Assert.Contains("dup2@example.com", (string)entries.Single(e => (string)e!["path"]! == "/v1/customers")!["request_body"]!);
    }
}
