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
}
