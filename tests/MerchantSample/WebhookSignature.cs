using System.Security.Cryptography;
using System.Text;

namespace MerchantSample;

/// <summary>The merchant's check of Mercado Pago's <c>x-signature</c>, written from Mercado Pago's documentation.</summary>
public static class WebhookSignature
{
    public static bool IsValid(string secret, string? xSignature, string? xRequestId, string? dataId)
    {
        string? ts = null, v1 = null;
        foreach (var part in (xSignature ?? "").Split(','))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair is ["ts", var t]) ts = t;
            if (pair is ["v1", var v]) v1 = v;
        }
        if (ts is null || v1 is null) return false;
        var manifest = $"id:{dataId?.ToLowerInvariant()};request-id:{xRequestId};ts:{ts};";
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(manifest));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(expected)), Encoding.ASCII.GetBytes(v1));
    }
}
