using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MpEmulator.Testing.Webhooks;

namespace MpEmulator.Testing.Tests;

/// <summary>The inbox on its own: requests signed here, with an HMAC written independently of the library's.</summary>
public sealed class WebhookInboxTests(MpEmulatorFixture fixture) : IClassFixture<MpEmulatorFixture>
{
    readonly HttpClient http = new();
    MpEmulatorServer Mp => fixture.Server;

    static string Signature(string secret, string dataId, string requestId, long ts)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"id:{dataId};request-id:{requestId};ts:{ts};"));
        return $"ts={ts},v1={Convert.ToHexString(mac).ToLowerInvariant()}";
    }

    async Task<HttpResponseMessage> Deliver(MpWebhookInbox inbox, long userId, string dataId, string? signature, string requestId = "5e1b0c4e-1d8a-4b0e-9a5e-6a6f0f9d2c11",
        string action = "payment.created")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{inbox.Url}?data.id={dataId}&type=payment")
        {
            Content = new StringContent(new JsonObject
            {
                ["id"] = 12345, ["live_mode"] = false, ["type"] = "payment", ["date_created"] = "2026-03-10T11:00:00.000-04:00",
                ["user_id"] = userId, ["api_version"] = "v1", ["action"] = action, ["data"] = new JsonObject { ["id"] = dataId },
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", requestId);
        if (signature is not null) request.Headers.TryAddWithoutValidation("x-signature", signature);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_delivery_signed_with_the_sellers_secret_is_valid_and_keeps_what_was_sent()
    {
        var seller = await Mp.NewSellerAsync();
        var inbox = Mp.Webhooks.NewInbox();

        var response = await Deliver(inbox, seller.UserId, "1320000001", Signature(seller.WebhookSecret, "1320000001", "req-1", 1773154800), "req-1");

        Assert.Equal(200, (int)response.StatusCode);
        var delivery = await inbox.NextAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(MpSignatureVerdict.Valid, delivery.Signature);
        Assert.True(delivery.SignatureValid);
        Assert.Equal("POST", delivery.Method);
        Assert.Equal("payment", delivery.Type);
        Assert.Equal("payment.created", delivery.Action);
        Assert.Equal("1320000001", delivery.DataId);
        Assert.Equal(seller.UserId, delivery.UserId);
        Assert.Equal("req-1", delivery.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1773154800), delivery.SignedAt);
        Assert.Equal("?data.id=1320000001&type=payment", delivery.QueryString);
        Assert.Equal("1320000001", (string?)delivery.Json!["data"]!["id"]);
    }

    [Fact]
    public async Task Wrong_secret_other_payment_missing_or_garbled_signatures_get_their_verdicts()
    {
        var seller = await Mp.NewSellerAsync();
        var inbox = Mp.Webhooks.NewInbox();

        await Deliver(inbox, seller.UserId, "1", Signature("not-the-secret", "1", "r", 1773154800), "r");
        await Deliver(inbox, seller.UserId, "2", Signature(seller.WebhookSecret, "3", "r", 1773154800), "r");
        await Deliver(inbox, seller.UserId, "4", Signature(seller.WebhookSecret, "4", "r", 1773154800), "another-request-id");
        await Deliver(inbox, seller.UserId, "5", null);
        await Deliver(inbox, seller.UserId, "6", "v1=abc");
        await Deliver(inbox, 999, "7", Signature(seller.WebhookSecret, "7", "r", 1773154800), "r");

        MpSignatureVerdict[] expected =
        [
            MpSignatureVerdict.Mismatch, MpSignatureVerdict.Mismatch, MpSignatureVerdict.Mismatch,
            MpSignatureVerdict.Missing, MpSignatureVerdict.Malformed, MpSignatureVerdict.UnknownSecret,
        ];
        foreach (var verdict in expected) Assert.Equal(verdict, (await inbox.NextAsync(TimeSpan.FromSeconds(2))).Signature);
    }

    [Fact]
    public async Task An_inbox_with_its_own_secret_checks_with_it_and_signature_parts_may_come_in_any_order()
    {
        var inbox = Mp.Webhooks.NewInbox(secret: "fixture_secret");
        var v1 = Signature("fixture_secret", "abc123", "r", 1773154800).Split(',')[1];

        await Deliver(inbox, 424242424, "abc123", $"{v1}, TS=1773154800, v2=ignored", "r");

        Assert.Equal(MpSignatureVerdict.Valid, (await inbox.NextAsync(TimeSpan.FromSeconds(2))).Signature);
    }

    [Fact]
    public async Task Next_waits_for_a_late_delivery_skips_what_does_not_match_and_times_out_with_a_clear_message()
    {
        var seller = await Mp.NewSellerAsync();
        var inbox = Mp.Webhooks.NewInbox();
        var waiting = inbox.NextAsync("payment.updated", 42, TimeSpan.FromSeconds(5));

        await Deliver(inbox, seller.UserId, "42", Signature(seller.WebhookSecret, "42", "a", 1), "a", "payment.created");
        Assert.False(waiting.IsCompleted);
        await Deliver(inbox, seller.UserId, "42", Signature(seller.WebhookSecret, "42", "b", 2), "b", "payment.updated");

        Assert.Equal("b", (await waiting).RequestId);
        Assert.Equal("a", (await inbox.NextAsync(TimeSpan.FromSeconds(1))).RequestId);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => inbox.NextAsync(TimeSpan.FromMilliseconds(100)));
        Assert.Contains(inbox.Url, timeout.Message);
        Assert.Equal(2, inbox.Received.Count);
    }

    [Fact]
    public async Task The_inbox_answers_the_status_it_is_given_and_unknown_paths_404()
    {
        var seller = await Mp.NewSellerAsync();
        var inbox = Mp.Webhooks.NewInbox();
        inbox.StatusCode = 500;

        Assert.Equal(500, (int)(await Deliver(inbox, seller.UserId, "1", null)).StatusCode);
        Assert.Equal(404, (int)(await http.PostAsync(inbox.Url + "-nope", null)).StatusCode);
    }

    [Fact]
    public void The_library_signs_as_mercado_pago_does()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1704908010);
        Assert.Equal(Signature("s3cr3t", "123", "req", 1704908010), MpSignature.Sign("s3cr3t", "123", "req", at));
        Assert.Equal("id:abc;request-id:r;ts:1;", MpSignature.Manifest("ABC", "r", "1"));
        Assert.Equal("ts:1;", MpSignature.Manifest(null, null, "1"));
    }
}
