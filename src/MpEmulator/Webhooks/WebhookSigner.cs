using System.Security.Cryptography;
using System.Text;

namespace MpEmulator.Webhooks;

/// <summary>Mercado Pago's <c>x-signature</c>: HMAC-SHA256, hex, over <c>id:&lt;data.id&gt;;request-id:&lt;x-request-id&gt;;ts:&lt;ts&gt;;</c>.</summary>
public static class WebhookSigner
{
    /// <summary>The signed text. A missing <c>data.id</c> or request id drops its pair; an alphanumeric id is lowercased.</summary>
    public static string Manifest(string? dataId, string? requestId, long ts)
    {
        var manifest = new StringBuilder();
        if (!string.IsNullOrEmpty(dataId)) manifest.Append("id:").Append(dataId.All(char.IsAsciiLetterOrDigit) ? dataId.ToLowerInvariant() : dataId).Append(';');
        if (!string.IsNullOrEmpty(requestId)) manifest.Append("request-id:").Append(requestId).Append(';');
        return manifest.Append("ts:").Append(ts).Append(';').ToString();
    }

    public static string Sign(string secret, string manifest) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(manifest)));

    /// <summary>The header value, with <c>ts</c> in Unix seconds as Mercado Pago sends it (its docs say milliseconds).</summary>
    public static string Header(string secret, string? dataId, string requestId, DateTimeOffset at)
    {
        var ts = at.ToUnixTimeSeconds();
        return $"ts={ts},v1={Sign(secret, Manifest(dataId, requestId, ts))}";
    }

    /// <summary>The secret of a seller that configured none: stable across runs, so a handler can keep it.</summary>
    public static string DerivedSecret(long userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"mpemulator-webhook-secret:{userId}")));
}
