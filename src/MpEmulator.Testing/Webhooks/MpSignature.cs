using System.Security.Cryptography;
using System.Text;

namespace MpEmulator.Testing.Webhooks;

public enum MpSignatureVerdict
{
    /// <summary>The HMAC matches the seller's secret.</summary>
    Valid,
    /// <summary>No <c>x-signature</c> header.</summary>
    Missing,
    /// <summary>The header is not <c>ts=&lt;seconds&gt;,v1=&lt;hex&gt;</c>.</summary>
    Malformed,
    /// <summary>Signed, but not with the seller's secret or not over this request.</summary>
    Mismatch,
    /// <summary>The delivery names a seller whose secret this inbox does not know.</summary>
    UnknownSecret,
}

/// <summary>Mercado Pago's webhook signature: <c>x-signature: ts=&lt;unix s&gt;,v1=&lt;hex HMAC-SHA256&gt;</c> over
/// <c>id:&lt;data.id&gt;;request-id:&lt;x-request-id&gt;;ts:&lt;ts&gt;;</c> with the seller's secret.
/// <see cref="Sign"/> lets a merchant test its own handler without a delivery.</summary>
public static class MpSignature
{
    /// <summary>The signed text; a pair whose value is absent is left out. An alphanumeric <c>data.id</c> is lowercased.</summary>
    public static string Manifest(string? dataId, string? requestId, string ts)
    {
        var manifest = new StringBuilder();
        if (!string.IsNullOrEmpty(dataId)) manifest.Append($"id:{(dataId.All(char.IsAsciiLetterOrDigit) ? dataId.ToLowerInvariant() : dataId)};");
        if (!string.IsNullOrEmpty(requestId)) manifest.Append($"request-id:{requestId};");
        return manifest.Append($"ts:{ts};").ToString();
    }

    /// <summary>The <c>x-signature</c> header value Mercado Pago would send.</summary>
    public static string Sign(string secret, string? dataId, string? requestId, DateTimeOffset at)
    {
        var ts = at.ToUnixTimeSeconds().ToString();
        return $"ts={ts},v1={Hmac(secret, Manifest(dataId, requestId, ts))}";
    }

    /// <summary>Checks a header against the secret. The timestamp is not compared with any clock: the emulator's may have been moved.</summary>
    public static MpSignatureVerdict Verify(string? secret, string? header, string? requestId, string? dataId)
    {
        if (string.IsNullOrEmpty(header)) return MpSignatureVerdict.Missing;
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        if (!parts.TryGetValue("ts", out var ts) || !long.TryParse(ts, out _) || !parts.TryGetValue("v1", out var v1)
            || v1.Length != 64 || !v1.All(char.IsAsciiHexDigit))
            return MpSignatureVerdict.Malformed;
        if (string.IsNullOrEmpty(secret)) return MpSignatureVerdict.UnknownSecret;
        var expected = Hmac(secret, Manifest(dataId, requestId, ts));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1.ToLowerInvariant()))
            ? MpSignatureVerdict.Valid
            : MpSignatureVerdict.Mismatch;
    }

    /// <summary>The <c>ts</c> of a header, when it has one.</summary>
    public static DateTimeOffset? Timestamp(string? header) =>
        header?.Split(',').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("ts", StringComparison.OrdinalIgnoreCase))
            is [_, var ts] && long.TryParse(ts.Trim(), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    static string Hmac(string secret, string manifest) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(manifest)));
}
