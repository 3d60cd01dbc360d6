using System.Security.Cryptography;
using System.Text;

namespace MpEmulator.Tests.Webhooks;

/// <summary>A merchant's x-signature check, written from the contract (§11.2), not from the emulator's code:
/// split the header on ',' then '=', keys case-insensitive, unknown keys ignored; manifest
/// <c>id:&lt;data.id&gt;;request-id:&lt;x-request-id&gt;;ts:&lt;ts&gt;;</c> with absent pairs left out and an alphanumeric
/// data.id lowercased; v1 = lowercase hex HMAC-SHA256(secret, manifest).</summary>
public static class SignatureVerifier
{
    public static bool Verify(string? xSignature, string? xRequestId, string? dataId, string secret)
    {
        if (string.IsNullOrEmpty(xSignature)) return false;
        string? ts = null, v1 = null;
        foreach (var part in xSignature.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) continue;
            var key = pair[0].Trim().ToLowerInvariant();
            if (key == "ts") ts = pair[1].Trim();
            else if (key == "v1") v1 = pair[1].Trim();
        }
        if (ts is null || v1 is null) return false;

        var manifest = "";
        if (!string.IsNullOrEmpty(dataId)) manifest += $"id:{(dataId.All(char.IsAsciiLetterOrDigit) ? dataId.ToLowerInvariant() : dataId)};";
        if (!string.IsNullOrEmpty(xRequestId)) manifest += $"request-id:{xRequestId};";
        manifest += $"ts:{ts};";

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(manifest))).ToLowerInvariant();
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1));
    }

    /// <summary>Verifies a request the receiver recorded, reading data.id from its query string as a handler would.</summary>
    public static bool Verify(Received request, string secret) =>
        Verify(request.Header("x-signature"), request.Header("x-request-id"), request.Query.GetValueOrDefault("data.id"), secret);

    public static long Timestamp(string xSignature) =>
        long.Parse(xSignature.Split(',').Select(p => p.Split('=', 2)).Single(p => p[0].Trim() == "ts")[1]);
}
