using System.Text.Json.Nodes;

namespace MpEmulator.Tests.Support;

/// <summary>Request bodies the core tests start from and then break one field at a time.</summary>
public static class Bodies
{
    public static JsonObject Card(string number = TestCards.MlbMaster, string securityCode = "123", int month = 11, int year = 2030,
        string holder = "APRO", string? docType = "CPF", string? docNumber = "12345678909")
    {
        var holderObject = new JsonObject { ["name"] = holder };
        if (docType is not null || docNumber is not null)
            holderObject["identification"] = new JsonObject { ["type"] = docType, ["number"] = docNumber };
        return new JsonObject
        {
            ["card_number"] = number, ["security_code"] = securityCode,
            ["expiration_month"] = month, ["expiration_year"] = year, ["cardholder"] = holderObject,
        };
    }
}

/// <summary>Every test card of the contract's §9.3 table (and the .NET SDK's per-site Mastercards), with the method it must resolve to.</summary>
public static class PublishedTestCards
{
    public static readonly (string Site, string Number, string Method)[] All =
    [
        ("MLA", "5031755734530604", "master"), ("MLA", "4509953566233704", "visa"), ("MLA", "371180303257522", "amex"),
        ("MLA", "5287338310253304", "debmaster"), ("MLA", "4002768694395619", "debvisa"),
        ("MLB", "5031433215406351", "master"), ("MLB", "5480832801033311", "master"), ("MLB", "4235647728025682", "visa"),
        ("MLB", "375365153556885", "amex"), ("MLB", "5067766783888311", "debelo"),
        ("MLC", "5416752602582580", "master"), ("MLC", "4168818844447115", "visa"), ("MLC", "375778174461804", "amex"),
        ("MLC", "5241019826646950", "debmaster"), ("MLC", "4023653523914373", "debvisa"),
        ("MCO", "5254133674403564", "master"), ("MCO", "4013540682746260", "visa"), ("MCO", "374378187755283", "amex"),
        ("MCO", "4915112055246507", "debvisa"),
        ("MLM", "5474925432670366", "master"), ("MLM", "4075595716483764", "visa"), ("MLM", "371180303257522", "amex"),
        ("MLM", "5579053461482647", "debmaster"), ("MLM", "4189141221267633", "debvisa"),
        ("MLU", "5031755734530604", "master"), ("MLU", "4509953566233704", "visa"), ("MLU", "4213016314706756", "debvisa"),
        ("MPE", "5031755734530604", "master"), ("MPE", "4009175332806176", "visa"), ("MPE", "371180303257522", "amex"),
        ("MPE", "5178781622202455", "debmaster"),
        // The .NET SDK's integration tests use these Mastercards for MPE and MLU.
        ("MPE", "5118437884865678", "master"), ("MLU", "5808887774641586", "master"),
    ];

    public static TheoryData<string, string, string> Theory()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (site, number, method) in All) data.Add(site, number, method);
        return data;
    }

    public static string SecurityCodeFor(string number) => number.StartsWith("34") || number.StartsWith("37") ? "1234" : "123";
}

public static class ReplyExtensions
{
    /// <summary>Asserts an error envelope whose <c>cause</c> is empty (gateway-level errors: unknown route, 405, 413, bad token).</summary>
    public static Reply IsBareError(this Reply reply, int status, string error)
    {
        Assert.True((int)reply.Status == status, $"expected {status}, got {(int)reply.Status}: {reply.Body}");
        Assert.Equal(status, (int)reply["status"]!);
        Assert.Equal(error, (string?)reply["error"]);
        Assert.False(string.IsNullOrEmpty((string?)reply["message"]), reply.Body);
        Assert.NotNull(reply["cause"]!.AsArray());
        return reply;
    }
}
