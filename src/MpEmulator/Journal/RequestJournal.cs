using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MpEmulator.Infrastructure;

namespace MpEmulator.Journal;

/// <summary>One API request as recorded on its path: the first bytes of both bodies, undecoded.</summary>
public sealed record JournalRecord(DateTimeOffset Date, string Method, string Path, string Query, int Status, long? SellerId,
    double LatencyMs, ReadOnlyMemory<byte> RequestBody, ReadOnlyMemory<byte> ResponseBody, string? IdempotencyKey, string? Note);

/// <summary>One API request and what was answered, as read back. Card numbers and security codes are masked.</summary>
public sealed record JournalEntry(long Id, DateTimeOffset Date, string Method, string Path, string Query, int Status, long? SellerId,
    double LatencyMs, string? RequestBody, string? ResponseBody, string? IdempotencyKey, string? Note);

/// <summary>The most recent API requests, in a bounded ring: old entries fall off, memory stays flat.</summary>
public sealed partial class RequestJournal(IOptions<EmulatorOptions> options)
{
    public const int MaxBody = 4 * 1024;
    readonly int size = options.Value.JournalSize;
    readonly Queue<(long Id, JournalRecord Record)> entries = new();
    readonly Lock gate = new();
    long next;

    public bool Enabled => size > 0;

    public void Add(JournalRecord record)
    {
        lock (gate)
        {
            entries.Enqueue((++next, record));
            while (entries.Count > size) entries.Dequeue();
        }
    }

    public IReadOnlyList<JournalEntry> Find(string? path, string? method, int? status, long? seller, int limit)
    {
        List<(long Id, JournalRecord Record)> found;
        lock (gate)
            found = entries.Reverse()
                .Where(e => (path is null || e.Record.Path.StartsWith(path, StringComparison.OrdinalIgnoreCase))
                            && (method is null || e.Record.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                            && (status is null || e.Record.Status == status) && (seller is null || e.Record.SellerId == seller))
                .Take(limit).ToList();
        return found.Select(e => new JournalEntry(e.Id, e.Record.Date, e.Record.Method, e.Record.Path, e.Record.Query, e.Record.Status,
            e.Record.SellerId, e.Record.LatencyMs, Redact(Text(e.Record.RequestBody)), Redact(Text(e.Record.ResponseBody)),
            e.Record.IdempotencyKey, e.Record.Note)).ToList();
    }

    static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes.Span);

    public void Clear()
    {
        lock (gate) entries.Clear();
    }

    /// <summary>Masks <c>card_number</c> (everything but its last four digits, whatever else the value holds: spaces,
    /// dashes, escapes) and <c>security_code</c> in a JSON body.</summary>
    public static string? Redact(string? body)
    {
        if (string.IsNullOrEmpty(body)) return body;
        body = CardNumber().Replace(body, m => m.Groups[1].Value + MaskAllButLastFourDigits(m.Groups[2].Value));
        body = SecurityCode().Replace(body, m => $"{m.Groups[1].Value}\"***\"");
        body = CutValue().Replace(body, m => m.Groups[1].Value + new string('*', m.Groups[2].Length)); // a value the 4 KiB limit cut
        body = MaskedWhenParsed(body);
        return body.Length > MaxBody ? body[..MaxBody] : body;
    }

    /// <summary>Names the text search cannot see (<c>"card\u005fnumber"</c>) are found on the parsed document, which is
    /// then shown as re-written. A body with escapes that does not parse (duplicate names, a lone surrogate, cut short)
    /// might hide such a name, so it is not shown at all.</summary>
    static string MaskedWhenParsed(string body)
    {
        // The document is parsed lazily: duplicate or broken names fail only when an object is read.
        try { return JsonNode.Parse(body) is { } node && Mask(node) ? node.ToJsonString() : body; }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return body.Contains("\\u", StringComparison.Ordinal) ? Unreadable : body;
        }
    }

    public const string Unreadable = "(not shown: JSON with escapes that does not parse, so card data in it could not be masked)";

    static bool Mask(JsonNode node)
    {
        var masked = false;
        if (node is JsonObject o)
            foreach (var (name, value) in o.ToList())
            {
                if (name == "card_number" && value is JsonValue number && MaskAllButLastFourDigits(number.ToJsonString()) is var m
                    && m != number.ToJsonString())
                {
                    o[name] = m.Trim('"');
                    masked = true;
                }
                else if (name == "security_code" && value is JsonValue && value.ToJsonString() != "\"***\"")
                {
                    o[name] = "***";
                    masked = true;
                }
                else if (value is not null) masked |= Mask(value);
            }
        else if (node is JsonArray a)
            foreach (var item in a)
                if (item is not null) masked |= Mask(item);
        return masked;
    }

    static string MaskAllButLastFourDigits(string value)
    {
        var quoted = value.StartsWith('"');
        var inner = quoted ? value[1..^1] : value;
        var masked = inner.ToCharArray();
        var kept = 0;
        for (var i = masked.Length - 1; i >= 0; i--)
            if (!char.IsAsciiDigit(masked[i]) || ++kept > 4) masked[i] = '*';
        return $"\"{new string(masked)}\"";
    }

    [GeneratedRegex("(\"card_number\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[-+.\\deE]+)")]
    private static partial Regex CardNumber();

    [GeneratedRegex("(\"security_code\"\\s*:\\s*)(\"[^\"]*\"|\\d+)")]
    private static partial Regex SecurityCode();

    [GeneratedRegex("(\"(?:card_number|security_code)\"\\s*:\\s*\"?)([^\"]*)$")]
    private static partial Regex CutValue();
}
