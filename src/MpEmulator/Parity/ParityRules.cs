namespace MpEmulator.Parity;

/// <summary>Reads the parity table: which real route a request names, and the totals.</summary>
public static class ParityRules
{
    static readonly (ParityRow Row, string[] Segments)[] Templates =
        ParityTable.Rows.Select(r => (r, r.Path.Trim('/').Split('/'))).ToArray();

    /// <summary>The operation of Mercado Pago's API that <paramref name="method"/> <paramref name="path"/> calls, if any;
    /// a template's <c>{parameter}</c> segment matches any one segment.</summary>
    public static ParityRow? Operation(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return Templates.FirstOrDefault(t => t.Row.Method == method && Matches(t.Segments, segments)).Row;
    }

    static bool Matches(string[] template, string[] segments) =>
        template.Length == segments.Length
        && template.Zip(segments).All(p => p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.Ordinal));

    public static string Name(Coverage c) => c switch
    {
        Coverage.Emulated => "emulated",
        Coverage.Partly => "partly",
        _ => "not_emulated",
    };
}
