using MpEmulator.CardTokens;
using MpEmulator.Catalog;

namespace MpEmulator.Cards;

public static class CardRules
{
    /// <summary>The card a token saves on a customer: what the token shows, plus the brand's catalog data.</summary>
    public static Card FromToken(CardToken token, PaymentMethod method, Issuer? issuer, string customerId, string id, long owner, DateTimeOffset now) => new()
    {
        OwnerId = owner,
        Fingerprint = token.Fingerprint,
        NumberLength = token.CardNumberLength,
        Id = id,
        CustomerId = customerId,
        ExpirationMonth = token.ExpirationMonth,
        ExpirationYear = token.ExpirationYear,
        FirstSixDigits = token.FirstSixDigits,
        LastFourDigits = token.LastFourDigits,
        PaymentMethod = new CardPaymentMethod
        {
            Id = method.Id, Name = method.Name, PaymentTypeId = method.PaymentTypeId,
            Thumbnail = method.Thumbnail, SecureThumbnail = method.SecureThumbnail,
        },
        SecurityCode = new CardSecurityCode { Length = token.SecurityCodeLength, CardLocation = token.SecurityCodeLocation },
        Issuer = new CardIssuer { Id = long.TryParse(issuer?.Id, out var issuerId) ? issuerId : null, Name = issuer?.Name },
        Cardholder = token.Cardholder,
        DateCreated = now,
        DateLastUpdated = now,
        UserId = owner.ToString(),
    };
}
