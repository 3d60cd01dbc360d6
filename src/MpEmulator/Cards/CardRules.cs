using MpEmulator.CardTokens;
using MpEmulator.Catalog;

namespace MpEmulator.Cards;

public static class CardRules
{
    /// <summary>On a card save, <c>payment_method_id</c> may name a card type instead of the brand. The seed guide saves
    /// a credit Mastercard with <c>"debit_card"</c> and shows it saved, so a type is taken as a hint, never checked
    /// against the card (our choice); a brand that is not the token's is still 127.</summary>
    public static readonly IReadOnlySet<string> CardTypes = new HashSet<string> { "credit_card", "debit_card", "prepaid_card" };

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
