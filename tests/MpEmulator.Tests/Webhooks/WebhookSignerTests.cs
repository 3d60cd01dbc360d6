using MpEmulator.Webhooks;

namespace MpEmulator.Tests.Webhooks;

/// <summary>The contract's Appendix A.6 vectors (secret <c>emulator_test_secret</c>), checked against both the emulator's
/// signer and the test's own verifier, so each is held to the contract rather than to the other.</summary>
public sealed class WebhookSignerTests
{
    const string Secret = "emulator_test_secret";
    const string RequestId = "bb2f2e3c-6c4f-4b6e-9d1e-2b1e8a0c1f11";
    const long Ts = 1716651000;

    public static TheoryData<string?, string?, string, string> Vectors => new()
    {
        { "1234567890", RequestId, $"id:1234567890;request-id:{RequestId};ts:1716651000;", "84fc35d882a8abdfe5e9ba671c1d4a62d8d4742046e60a5682c11953b2765331" },
        { null, RequestId, $"request-id:{RequestId};ts:1716651000;", "21a0b9aa74bcb6230d617020ba2602ac6255232ffea66041c5f198dc125e84e3" },
        { "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3", null, "id:ord01jq4s4ky8hwq6na5pxb65b3d3;ts:1716651000;", "8b35dd7b0b9587bb2833f644646bca3f5891b5c403a76233e65bb745eb0027b3" },
    };

    [Theory, MemberData(nameof(Vectors))]
    public void The_signer_builds_the_contracts_manifest_and_hash(string? dataId, string? requestId, string manifest, string v1)
    {
        Assert.Equal(manifest, WebhookSigner.Manifest(dataId, requestId, Ts));
        Assert.Equal(v1, WebhookSigner.Sign(Secret, manifest));
    }

    [Theory, MemberData(nameof(Vectors))]
    public void The_tests_own_verifier_accepts_the_contracts_vectors(string? dataId, string? requestId, string manifest, string v1)
    {
        _ = manifest;
        Assert.True(SignatureVerifier.Verify($"ts={Ts},v1={v1}", requestId, dataId, Secret));
        Assert.True(SignatureVerifier.Verify($" V1={v1} , TS={Ts},v2=ignored", requestId, dataId, Secret));
        Assert.False(SignatureVerifier.Verify($"ts={Ts + 1},v1={v1}", requestId, dataId, Secret));
    }

    [Fact]
    public void The_header_carries_ts_in_unix_seconds_and_a_v1_that_verifies()
    {
        var header = WebhookSigner.Header(Secret, "1234567890", RequestId, DateTimeOffset.FromUnixTimeSeconds(Ts));
        Assert.Equal("ts=1716651000,v1=84fc35d882a8abdfe5e9ba671c1d4a62d8d4742046e60a5682c11953b2765331", header);
    }

    [Fact]
    public void A_derived_secret_is_64_hex_stable_and_different_per_seller()
    {
        Assert.Matches("^[0-9a-f]{64}$", WebhookSigner.DerivedSecret(123456789));
        Assert.Equal(WebhookSigner.DerivedSecret(123456789), WebhookSigner.DerivedSecret(123456789));
        Assert.NotEqual(WebhookSigner.DerivedSecret(123456789), WebhookSigner.DerivedSecret(987654321));
    }
}
