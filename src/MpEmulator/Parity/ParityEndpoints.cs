namespace MpEmulator.Parity;

public static class ParityEndpoints
{
    public sealed record ParityView(int Operations, Dictionary<string, int> Totals, List<ParityOperation> Rows);

    public sealed record ParityOperation(string Method, string Path, string Coverage, string? Missing);

    /// <summary><c>GET /__admin/parity</c>: every operation of the official OpenAPI and how far the emulator covers it.</summary>
    public static RouteGroupBuilder MapParity(this RouteGroupBuilder admin)
    {
        admin.MapGet("/parity", () => TypedResults.Ok(new ParityView(
            ParityTable.Rows.Count,
            Enum.GetValues<Coverage>().ToDictionary(ParityRules.Name, c => ParityTable.Rows.Count(r => r.Coverage == c)),
            ParityTable.Rows.Select(r => new ParityOperation(r.Method, r.Path, ParityRules.Name(r.Coverage), r.Missing)).ToList())));
        return admin;
    }
}
