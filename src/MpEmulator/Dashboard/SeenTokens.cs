using System.Collections.Concurrent;

namespace MpEmulator.Dashboard;

/// <summary>The access token each seller last called <c>/v1</c> with since start-up (or the last full reset), so the
/// dashboard can capture, cancel and refund through the real API as that seller. Memory only, and bounded: past
/// <see cref="Capacity"/> sellers the earliest seen are forgotten, and the page then asks for their token.</summary>
public sealed class SeenTokens
{
    public const int Capacity = 1000;

    readonly ConcurrentDictionary<long, (string Token, long Order)> tokens = new();
    readonly Lock trimming = new();
    long order;

    public void Note(long sellerId, string token)
    {
        if (tokens.TryGetValue(sellerId, out var known) && known.Token == token) return;
        tokens[sellerId] = (token, Interlocked.Increment(ref order));
        if (tokens.Count > Capacity) Trim();
    }

    /// <summary>Latest first.</summary>
    public IEnumerable<KeyValuePair<long, string>> All =>
        tokens.OrderByDescending(t => t.Value.Order).Select(t => KeyValuePair.Create(t.Key, t.Value.Token));

    public void Clear() => tokens.Clear();

    void Trim()
    {
        lock (trimming)
            foreach (var (id, _) in tokens.OrderBy(t => t.Value.Order).Take(tokens.Count - Capacity).ToList())
                tokens.TryRemove(id, out _);
    }
}
