namespace MpEmulator.Testing;

/// <summary>Mercado Pago's published test cards, by site.</summary>
public static class MpTestCards
{
    static readonly Dictionary<string, (string Master, string Visa)> BySite = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MLA"] = ("5031755734530604", "4509953566233704"), ["MLB"] = ("5031433215406351", "4235647728025682"),
        ["MLC"] = ("5416752602582580", "4168818844447115"), ["MCO"] = ("5254133674403564", "4013540682746260"),
        ["MLM"] = ("5474925432670366", "4075595716483764"), ["MLU"] = ("5031755734530604", "4509953566233704"),
        ["MPE"] = ("5031755734530604", "4009175332806176"),
    };

    public static string Master(string site) => BySite[site].Master;

    public static string Visa(string site) => BySite[site].Visa;
}
