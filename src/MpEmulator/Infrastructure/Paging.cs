namespace MpEmulator.Infrastructure;

public sealed record Paging(int Total, int Limit, int Offset);

/// <summary>Mercado Pago's search envelope: <c>{"paging":{...},"results":[...]}</c>.</summary>
public sealed record SearchPage<T>(Paging Paging, IReadOnlyList<T> Results);

public static class PagingRules
{
    /// <summary>Reads <c>limit</c>/<c>offset</c>, tolerating the empty values the .NET SDK sends; limits are clamped to the maximum.</summary>
    public static (int Limit, int Offset) Read(IQueryCollection query, int defaultLimit, int maxLimit, MpError invalid)
    {
        var limit = Number(query["limit"], defaultLimit, invalid);
        var offset = Number(query["offset"], 0, invalid);
        if (limit < 0 || offset < 0) throw invalid.Exception();
        return (Math.Min(limit == 0 ? defaultLimit : limit, maxLimit), offset);
    }

    static int Number(string? value, int fallback, MpError invalid) =>
        string.IsNullOrWhiteSpace(value) ? fallback : int.TryParse(value, out var n) ? n : throw invalid.Exception();
}
