using System.Net;
using System.Text;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Payments;

/// <summary>Helpers for the payment tests: request bodies, tokens for other sites, the Pix CRC.</summary>
static class Pay
{
    public const string PayerEmail = "test_user_123456@testuser.com";

    public static string Reference() => $"ref-{Guid.NewGuid():N}";

    /// <summary>A card payment body the tests can edit (remove or replace any field).</summary>
    public static Dictionary<string, object?> CardBody(string token, decimal amount = 100m, string? reference = null) => new()
    {
        ["transaction_amount"] = amount,
        ["token"] = token,
        ["installments"] = 1,
        ["external_reference"] = reference ?? Reference(),
        ["payer"] = new { email = PayerEmail },
    };

    public static Dictionary<string, object?> PixBody(decimal amount = 50m, string? reference = null) => new()
    {
        ["transaction_amount"] = amount,
        ["payment_method_id"] = "pix",
        ["external_reference"] = reference ?? Reference(),
        ["payer"] = new { email = PayerEmail },
    };

    /// <summary>Tokenizes a card of <paramref name="holder"/> and pays with it; asserts nothing about the answer.</summary>
    public static async Task<Reply> Card(Api api, string holder = "APRO", decimal amount = 100m, bool capture = true,
        string? reference = null, string number = TestCards.MlbMaster)
    {
        var body = CardBody(await api.CardToken(holder, number), amount, reference);
        body["capture"] = capture;
        return await api.Post("/v1/payments", body);
    }

    public static Task<Reply> Pix(Api api, decimal amount = 50m, string? reference = null) =>
        api.Post("/v1/payments", PixBody(amount, reference));

    public static long Id(this Reply reply) => (long)reply["id"]!;

    /// <summary>A card token with any document type, for sites other than Brazil (the support helper sends a CPF).</summary>
    public static async Task<string> Token(Api api, string number, string idType, string idNumber, string holder = "APRO")
    {
        var reply = await api.Post("/v1/card_tokens", new
        {
            card_number = number, security_code = "123", expiration_month = 11, expiration_year = 2030,
            cardholder = new { name = holder, identification = new { type = idType, number = idNumber } },
        });
        reply.Is(HttpStatusCode.Created);
        return (string)reply["id"]!;
    }

    /// <summary>Saves a card of <paramref name="customerId"/> from a fresh APRO token; returns the card id.</summary>
    public static async Task<string> SavedCard(Api api, string customerId)
    {
        var card = (await api.Post($"/v1/customers/{customerId}/cards", new { token = await api.CardToken() })).Is(HttpStatusCode.Created);
        return (string)card["id"]!;
    }

    /// <summary>CRC16/CCITT-FALSE (poly 0x1021, init 0xFFFF), written here independently of the product.</summary>
    public static string Crc16(string text)
    {
        var crc = 0xFFFF;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            crc ^= b << 8;
            for (var i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return crc.ToString("X4");
    }

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
