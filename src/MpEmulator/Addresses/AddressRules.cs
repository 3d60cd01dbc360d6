using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Addresses;

/// <summary>What a valid address is, how a PUT changes one, and how the customer's <c>default_address</c> and
/// <c>address</c> follow its addresses. No HTTP, no storage.</summary>
public static class AddressRules
{
    public const int MaxAddressesPerCustomer = 50;
    public const int MaxText = 255;

    /// <summary>A new address needs a street name (114) and a zip code (113).</summary>
    public static Address Create(AddressRequest r, string id, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(r.StreetName)) throw MpErrors.InvalidStreetName.Exception();
        if (string.IsNullOrWhiteSpace(r.ZipCode)) throw MpErrors.InvalidZipCode.Exception();
        return Apply(new Address { Id = id, DateCreated = now }, r);
    }

    /// <summary>A PUT changes only the fields it sends; a street name or zip code cannot be blanked.</summary>
    public static Address Update(Address current, AddressRequest r)
    {
        if (r.StreetName is { } street && string.IsNullOrWhiteSpace(street)) throw MpErrors.InvalidStreetName.Exception();
        if (r.ZipCode is { } zip && string.IsNullOrWhiteSpace(zip)) throw MpErrors.InvalidZipCode.Exception();
        return Apply(current, r);
    }

    static Address Apply(Address a, AddressRequest r)
    {
        string?[] texts = [r.Phone, r.Name, r.Floor, r.Apartment, r.StreetName, r.ZipCode, r.Comments,
            r.City?.Name, r.State?.Name, r.Country?.Name, r.Neighborhood?.Name, r.Municipality?.Name];
        if (texts.Any(t => t?.Length > MaxText)) throw MpErrors.ParameterTooLarge.Exception();
        if (r.StreetNumber is < 0) throw MpErrors.InvalidParameters.Exception();
        return a with
        {
            Phone = r.Phone ?? a.Phone,
            Name = r.Name ?? a.Name,
            Floor = r.Floor ?? a.Floor,
            Apartment = r.Apartment ?? a.Apartment,
            StreetName = r.StreetName ?? a.StreetName,
            StreetNumber = r.StreetNumber ?? a.StreetNumber,
            ZipCode = r.ZipCode ?? a.ZipCode,
            City = r.City ?? a.City,
            State = r.State ?? a.State,
            Country = r.Country ?? a.Country,
            Neighborhood = r.Neighborhood ?? a.Neighborhood,
            Municipality = r.Municipality ?? a.Municipality,
            Comments = r.Comments ?? a.Comments,
        };
    }

    /// <summary>The customer with these addresses: the first one saved becomes the default, a removed default passes to
    /// the newest left, and <c>address</c> shows the default (all nulls once the last address is gone).</summary>
    public static Customer WithAddresses(Customer c, List<Address> addresses, DateTimeOffset now)
    {
        var defaultId = addresses.Any(a => a.Id == c.DefaultAddress) ? c.DefaultAddress : addresses.LastOrDefault()?.Id;
        var gone = c.Addresses.Any(a => a.Id == c.Address.Id);
        return Following(c with
        {
            Addresses = addresses, DefaultAddress = defaultId, DateLastUpdated = now, Address = gone ? new CustomerAddress() : c.Address,
        });
    }

    /// <summary><c>address</c> as the default address has it, when the default is one of the customer's addresses.</summary>
    public static Customer Following(Customer c) =>
        c.Addresses.FirstOrDefault(a => a.Id == c.DefaultAddress) is { } d
            ? c with { Address = new CustomerAddress { Id = d.Id, ZipCode = d.ZipCode, StreetName = d.StreetName, StreetNumber = d.StreetNumber } }
            : c;
}
