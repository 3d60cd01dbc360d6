using System.Security.Cryptography;
using System.Text;
using MpEmulator.Cards;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.CardTokens;

/// <summary>How card data becomes a token: Luhn, brand by BIN, expiry, security code and document checks. Pure.</summary>
public static class CardTokenRules
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static CardToken FromCardData(CardTokenRequest r, SiteCatalog catalog, byte[] fingerprintKey, string id, long owner, DateTimeOffset now)
    {
        var number = r.CardNumber?.Trim() ?? "";
        if (number.Length == 0) throw MpErrors.CardNumberEmpty.Exception();
        if (!number.All(char.IsAsciiDigit)) throw MpErrors.InvalidCardNumber.Exception();
        // The brand comes from the BIN; the setting is the brand's one for this BIN and length (MLB Mastercard has a
        // 16-digit and a 19-digit setting), and Luhn applies only where that setting asks for it.
        if (catalog.ResolveCard(number) is not var (method, _)
            || method.Settings.FirstOrDefault(s => s.CardNumber.Length == number.Length && s.Bin.Matches(number)) is not { } setting
            || (setting.CardNumber.Validation == "standard" && !Luhn(number)))
            throw MpErrors.InvalidCardNumber.Exception();

        CheckExpiration(r.ExpirationMonth, r.ExpirationYear, now);
        var code = r.SecurityCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            if (setting.SecurityCode.Mode == "mandatory") throw MpErrors.SecurityCodeEmpty.Exception();
        }
        else if (code.Length != setting.SecurityCode.Length || !code.All(char.IsAsciiDigit))
            throw MpErrors.InvalidSecurityCode.Exception();

        return new CardToken
        {
            OwnerId = owner,
            Id = id,
            PaymentMethodId = method.Id,
            Fingerprint = Fingerprint(number, fingerprintKey),
            SecurityCodeGiven = !string.IsNullOrEmpty(code),
            SecurityCodeLocation = setting.SecurityCode.CardLocation,
            FirstSixDigits = number[..6],
            LastFourDigits = number[^4..],
            ExpirationMonth = r.ExpirationMonth!.Value,
            ExpirationYear = r.ExpirationYear!.Value,
            Cardholder = Holder(r, catalog),
            LuhnValidation = setting.CardNumber.Validation == "standard",
            CardNumberLength = number.Length,
            SecurityCodeLength = setting.SecurityCode.Length,
            DateCreated = now,
            DateLastUpdated = now,
            DateDue = now + Lifetime,
        };
    }

    /// <summary>A token for a card already saved on a customer: the card's data, re-verified by its security code.</summary>
    public static CardToken FromSavedCard(Card card, string? securityCode, string id, long owner, DateTimeOffset now)
    {
        var code = securityCode?.Trim();
        if (!string.IsNullOrEmpty(code) && (code.Length != card.SecurityCode.Length || !code.All(char.IsAsciiDigit)))
            throw MpErrors.InvalidSecurityCode.Exception();
        return new CardToken
        {
            OwnerId = owner,
            Id = id,
            CardId = card.Id,
            CustomerId = card.CustomerId,
            PaymentMethodId = card.PaymentMethod.Id,
            Fingerprint = card.Fingerprint,
            SecurityCodeGiven = !string.IsNullOrEmpty(code),
            SecurityCodeLocation = card.SecurityCode.CardLocation,
            FirstSixDigits = card.FirstSixDigits,
            LastFourDigits = card.LastFourDigits,
            ExpirationMonth = card.ExpirationMonth,
            ExpirationYear = card.ExpirationYear,
            Cardholder = card.Cardholder,
            LuhnValidation = true,
            CardNumberLength = card.NumberLength,
            SecurityCodeLength = card.SecurityCode.Length,
            DateCreated = now,
            DateLastUpdated = now,
            DateDue = now + Lifetime,
        };
    }

    /// <summary>The status a reader sees: an active token past its due date is expired.</summary>
    public static string StatusAt(CardToken token, DateTimeOffset now) =>
        token.Status == "active" && now >= token.DateDue ? "expired" : token.Status;

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (int i = digits.Length - 1, n = 0; i >= 0; i--, n++)
        {
            var d = digits[i] - '0';
            if (n % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return digits.Length >= 12 && sum % 10 == 0;
    }

    /// <summary>Keyed with a secret of the database's own, so first six, last four and the fingerprint kept together do not
    /// give the number back by trying every middle.</summary>
    public static string Fingerprint(string number, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(number)));

    static void CheckExpiration(int? month, int? year, DateTimeOffset now)
    {
        if (month is null) throw MpErrors.ExpirationMonthEmpty.Exception();
        if (year is null) throw MpErrors.ExpirationYearEmpty.Exception();
        if (month is < 1 or > 12) throw MpErrors.InvalidExpirationMonth.Exception();
        if (year is < 1000 or > 9999 || year < now.Year) throw MpErrors.InvalidExpirationYear.Exception();
        if (year == now.Year && month < now.Month) throw MpErrors.InvalidExpirationMonth.Exception();
    }

    static Cardholder Holder(CardTokenRequest r, SiteCatalog catalog)
    {
        var name = r.CardholderName?.Trim();
        if (string.IsNullOrEmpty(name)) throw MpErrors.CardholderNameEmpty.Exception();
        if (name.Length > 100) throw MpErrors.InvalidCardholderName.Exception();
        var (type, number) = (r.IdentificationType, r.IdentificationNumber?.Trim());
        if (type is null && number is not null) throw MpErrors.DocTypeEmpty.Exception();
        if (type is not null)
        {
            var known = catalog.IdentificationTypes.FirstOrDefault(t => t.Id.Equals(type, StringComparison.OrdinalIgnoreCase))
                ?? throw MpErrors.InvalidDocType.Exception();
            if (string.IsNullOrEmpty(number)) throw MpErrors.DocNumberEmpty.Exception();
            if (number.Length < known.MinLength || number.Length > known.MaxLength || (known.Type == "number" && !number.All(char.IsAsciiDigit)))
                throw MpErrors.InvalidDocNumber.Exception();
            type = known.Id;
        }
        return new Cardholder { Name = name, Identification = new Identification { Type = type, Number = number } };
    }
}
