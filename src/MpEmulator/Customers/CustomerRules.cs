using System.Text.RegularExpressions;
using MpEmulator.Infrastructure;

namespace MpEmulator.Customers;

/// <summary>What a valid customer is and how a PUT changes one. No HTTP, no storage.</summary>
public static partial class CustomerRules
{
    public const int MaxEmail = 254;
    public const int MaxName = 100;
    public const int MaxDescription = 1000;

    /// <summary>A new customer has no cards yet, so a <c>default_card</c> sent on creation is ignored (the official
    /// Node SDK's own e2e suite sends <c>"default_card": "None"</c> and expects the customer created).</summary>
    public static Customer Create(CustomerRequest r, Seller seller, string id, DateTimeOffset now)
    {
        Check(r);
        if (r.Email is null) throw MpErrors.InvalidEmail.Exception();
        return Apply(new Customer
        {
            OwnerId = seller.Id,
            Id = id,
            DateCreated = now,
            UserId = seller.Id,
            MerchantId = seller.Id,
            ClientId = seller.ApplicationId,
        }, r with { DefaultCard = null }, now);
    }

    /// <summary>A PUT changes only the fields it sends; <c>default_card</c> must name one of the customer's cards, and
    /// <c>default_address</c> one of its addresses when it has any (<c>address</c> then shows that one).
    /// <c>"None"</c>, which every SDK example of the seed guide sends on update, leaves it as it is (our choice: the
    /// guide shows those updates succeeding).</summary>
    public static Customer Update(Customer current, CustomerRequest r, IReadOnlyCollection<string> cardIds, DateTimeOffset now)
    {
        Check(r);
        if (r.DefaultCard == NoDefaultCard) r = r with { DefaultCard = null };
        if (r.DefaultCard is { } card && !cardIds.Contains(card)) throw MpErrors.CardNotFoundForDefault.Exception();
        if (r.DefaultAddress is { } address && current.Addresses.Count > 0 && current.Addresses.All(a => a.Id != address))
            throw MpErrors.InvalidParameters.Exception();
        return Addresses.AddressRules.Following(Apply(current, r, now));
    }

    const string NoDefaultCard = "None";

    public static string EmailKey(string email) => email.Trim().ToLowerInvariant();

    static Customer Apply(Customer c, CustomerRequest r, DateTimeOffset now) => c with
    {
        Email = r.Email ?? c.Email,
        EmailKey = r.Email is { } e ? EmailKey(e) : c.EmailKey,
        FirstName = r.FirstName ?? c.FirstName,
        LastName = r.LastName ?? c.LastName,
        Phone = r.Phone is { } p ? new Phone { AreaCode = p.AreaCode ?? c.Phone.AreaCode, Number = p.Number ?? c.Phone.Number } : c.Phone,
        Identification = r.Identification is { } i
            ? new Identification { Type = i.Type ?? c.Identification.Type, Number = i.Number ?? c.Identification.Number }
            : c.Identification,
        Address = r.Address is { } a
            ? new CustomerAddress
            {
                Id = a.Id ?? c.Address.Id, ZipCode = a.ZipCode ?? c.Address.ZipCode,
                StreetName = a.StreetName ?? c.Address.StreetName, StreetNumber = a.StreetNumber ?? c.Address.StreetNumber,
            }
            : c.Address,
        DateRegistered = r.DateRegistered ?? c.DateRegistered,
        Description = r.Description ?? c.Description,
        Metadata = r.Metadata ?? c.Metadata,
        DefaultCard = r.DefaultCard ?? c.DefaultCard,
        DefaultAddress = r.DefaultAddress ?? c.DefaultAddress,
        DateLastUpdated = now,
    };

    static void Check(CustomerRequest r)
    {
        if (r.Email is { } email && (email.Length > MaxEmail || !Email().IsMatch(email))) throw MpErrors.InvalidEmail.Exception();
        if (r.FirstName?.Length > MaxName || r.LastName?.Length > MaxName || r.Description?.Length > MaxDescription)
            throw MpErrors.ParameterTooLarge.Exception();
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
