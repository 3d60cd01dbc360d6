using System.Collections.Concurrent;

namespace MpEmulator.Dashboard;

/// <summary>The access token each seller last called <c>/v1</c> with since start-up, so the dashboard can capture,
/// cancel and refund through the real API as that seller. Memory only: a restart forgets them, and the page then asks.</summary>
public sealed class SeenTokens
{
    readonly ConcurrentDictionary<long, string> tokens = new();

    public void Note(long sellerId, string token)
    {
        if (!tokens.TryGetValue(sellerId, out var known) || known != token) tokens[sellerId] = token;
    }

    public IEnumerable<KeyValuePair<long, string>> All => tokens;
}
