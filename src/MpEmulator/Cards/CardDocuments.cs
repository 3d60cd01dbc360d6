using System.Text.Json.Serialization;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Cards;

/// <summary>A card saved on a customer. Holds no PAN and no security code: only what Mercado Pago shows.</summary>
public sealed record Card : IOwned
{
    [JsonIgnore] public long OwnerId { get; set; }
    /// <summary>A one-way hash of the card number, to recognise the same card saved twice.</summary>
    [JsonIgnore] public string Fingerprint { get; set; } = "";
    [JsonIgnore] public int NumberLength { get; set; }

    public string Id { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public int ExpirationMonth { get; set; }
    public int ExpirationYear { get; set; }
    public string FirstSixDigits { get; set; } = "";
    public string LastFourDigits { get; set; } = "";
    public CardPaymentMethod PaymentMethod { get; set; } = new();
    public CardSecurityCode SecurityCode { get; set; } = new();
    public CardIssuer Issuer { get; set; } = new();
    public Cardholder Cardholder { get; set; } = new();
    public DateTimeOffset DateCreated { get; set; }
    public DateTimeOffset DateLastUpdated { get; set; }
    public string UserId { get; set; } = "";
    public bool LiveMode { get; set; }
}

public sealed record CardPaymentMethod
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string PaymentTypeId { get; set; } = "";
    public string? Thumbnail { get; set; }
    public string? SecureThumbnail { get; set; }
}

public sealed record CardSecurityCode
{
    public int Length { get; set; }
    public string CardLocation { get; set; } = "back";
}

public sealed record CardIssuer
{
    public long? Id { get; set; }
    public string? Name { get; set; }
}

public sealed record Cardholder
{
    public string? Name { get; set; }
    public Identification Identification { get; set; } = new();
}
