using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LiteDB;
using MpEmulator.Cards;
using MpEmulator.Infrastructure;

namespace MpEmulator.Customers;

/// <summary>A customer as stored and as Mercado Pago returns it. Unset sub-objects are objects of nulls.</summary>
public sealed record Customer : IOwned
{
    [JsonIgnore] public long OwnerId { get; set; }
    /// <summary>Lower-cased email of an active customer: the key of the one-customer-per-email rule.</summary>
    [JsonIgnore] public string? EmailKey { get; set; }

    public string Id { get; set; } = "";
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public Phone Phone { get; set; } = new();
    public Identification Identification { get; set; } = new();
    public CustomerAddress Address { get; set; } = new();
    public DateTimeOffset? DateRegistered { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset DateCreated { get; set; }
    public DateTimeOffset DateLastUpdated { get; set; }
    public JsonObject Metadata { get; set; } = [];
    public string? DefaultCard { get; set; }
    public string? DefaultAddress { get; set; }
    [BsonIgnore] public List<Card> Cards { get; set; } = [];
    public List<Addresses.Address> Addresses { get; set; } = [];
    public bool LiveMode { get; set; }
    public long UserId { get; set; }
    public long MerchantId { get; set; }
    public long ClientId { get; set; }
    public string Status { get; set; } = "active";
}

public sealed record Phone
{
    public string? AreaCode { get; set; }
    public string? Number { get; set; }
}

public sealed record Identification
{
    public string? Type { get; set; }
    public string? Number { get; set; }
}

public sealed record CustomerAddress
{
    public string? Id { get; set; }
    public string? ZipCode { get; set; }
    public string? StreetName { get; set; }
    public int? StreetNumber { get; set; }
}

/// <summary>The fields of a POST or PUT body, type-checked with the customer API's error codes.</summary>
public sealed record CustomerRequest
{
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public Phone? Phone { get; init; }
    public Identification? Identification { get; init; }
    public CustomerAddress? Address { get; init; }
    public DateTimeOffset? DateRegistered { get; init; }
    public string? Description { get; init; }
    public JsonObject? Metadata { get; init; }
    public string? DefaultCard { get; init; }
    public string? DefaultAddress { get; init; }

    public static CustomerRequest Parse(JsonFields body)
    {
        var phone = body.Child("phone", MpErrors.ParameterMustBeObject);
        var identification = body.Child("identification", MpErrors.ParameterMustBeObject);
        var address = body.Child("address", MpErrors.ParameterMustBeObject);
        return new CustomerRequest
        {
            Email = body.String("email", MpErrors.InvalidEmail),
            FirstName = body.String("first_name", MpErrors.InvalidFirstName),
            LastName = body.String("last_name", MpErrors.InvalidLastName),
            Phone = phone is { } p ? new Phone
            {
                AreaCode = p.String("area_code", MpErrors.InvalidPhoneAreaCode, acceptNumber: true),
                Number = p.String("number", MpErrors.InvalidPhoneNumber, acceptNumber: true),
            } : null,
            Identification = identification is { } i ? new Identification
            {
                Type = i.String("type", MpErrors.InvalidIdentificationType),
                Number = i.String("number", MpErrors.InvalidIdentificationNumber, acceptNumber: true),
            } : null,
            Address = address is { } a ? new CustomerAddress
            {
                Id = a.String("id", MpErrors.InvalidParameters, acceptNumber: true),
                ZipCode = a.String("zip_code", MpErrors.InvalidZipCode, acceptNumber: true),
                StreetName = a.String("street_name", MpErrors.InvalidStreetName),
                StreetNumber = a.Int("street_number", MpErrors.InvalidParameters, acceptString: true),
            } : null,
            DateRegistered = body.String("date_registered", MpErrors.InvalidDateRegistered) is { } d
                ? DateTimeOffset.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : throw MpErrors.InvalidDateRegistered.Exception()
                : null,
            Description = body.String("description", MpErrors.InvalidDescription),
            Metadata = body.Raw("metadata", MpErrors.InvalidMetadata),
            DefaultCard = body.String("default_card", MpErrors.CardNotFoundForDefault, acceptNumber: true),
            DefaultAddress = body.String("default_address", MpErrors.InvalidParameters, acceptNumber: true),
        };
    }
}
