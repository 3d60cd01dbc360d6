using System.Text.Json.Serialization;
using MpEmulator.Cards;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.CardTokens;

/// <summary>A single-use card token. Owner 0 marks a token made with an unregistered public key: any seller may use it once.</summary>
public sealed record CardToken : IOwned
{
    [JsonIgnore] public long OwnerId { get; set; }
    [JsonIgnore] public string PaymentMethodId { get; set; } = "";
    [JsonIgnore] public string Fingerprint { get; set; } = "";
    [JsonIgnore] public string? CustomerId { get; set; }
    [JsonIgnore] public bool SecurityCodeGiven { get; set; }
    [JsonIgnore] public string SecurityCodeLocation { get; set; } = "back";

    public string Id { get; set; } = "";
    public string? CardId { get; set; }
    public string FirstSixDigits { get; set; } = "";
    public string LastFourDigits { get; set; } = "";
    public int ExpirationMonth { get; set; }
    public int ExpirationYear { get; set; }
    public Cardholder Cardholder { get; set; } = new();
    public string Status { get; set; } = "active";
    public DateTimeOffset DateCreated { get; set; }
    public DateTimeOffset DateLastUpdated { get; set; }
    public DateTimeOffset DateDue { get; set; }
    public bool LuhnValidation { get; set; }
    public bool LiveMode { get; set; }
    public bool RequireEsc { get; set; }
    public int CardNumberLength { get; set; }
    public int SecurityCodeLength { get; set; }
}

/// <summary>A <c>POST /v1/card_tokens</c> body: card data, or a saved card's id. Numbers may come as strings (the Node SDK sends them so).</summary>
public sealed record CardTokenRequest
{
    public string? CardNumber { get; init; }
    public string? SecurityCode { get; init; }
    public int? ExpirationMonth { get; init; }
    public int? ExpirationYear { get; init; }
    public string? CardholderName { get; init; }
    public string? IdentificationType { get; init; }
    public string? IdentificationNumber { get; init; }
    public string? CardId { get; init; }
    public string? CustomerId { get; init; }

    public static CardTokenRequest Parse(JsonFields body)
    {
        var holder = body.Child("cardholder", MpErrors.InvalidCardholderName);
        var identification = holder?.Child("identification", MpErrors.InvalidDocType);
        return new CardTokenRequest
        {
            CardNumber = body.String("card_number", MpErrors.InvalidCardNumber, acceptNumber: true),
            SecurityCode = body.String("security_code", MpErrors.InvalidSecurityCode, acceptNumber: true),
            ExpirationMonth = body.Int("expiration_month", MpErrors.InvalidExpirationMonth, acceptString: true),
            ExpirationYear = body.Int("expiration_year", MpErrors.InvalidExpirationYear, acceptString: true),
            CardholderName = holder?.String("name", MpErrors.InvalidCardholderName),
            IdentificationType = identification?.String("type", MpErrors.InvalidDocType),
            IdentificationNumber = identification?.String("number", MpErrors.InvalidDocNumber, acceptNumber: true),
            CardId = body.String("card_id", MpErrors.CardNotFound, acceptNumber: true),
            CustomerId = body.String("customer_id", MpErrors.CardNotFound),
        };
    }
}
