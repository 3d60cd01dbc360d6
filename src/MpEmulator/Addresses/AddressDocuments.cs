using MpEmulator.Infrastructure;

namespace MpEmulator.Addresses;

/// <summary>An address saved on a customer, as the official .NET SDK's <c>CustomerAddress</c> reads it: places are
/// <c>{id, name}</c> objects (the OpenAPI has bare strings; the SDKs win) and <c>street_number</c> a number, as on the
/// customer's own <c>address</c>.</summary>
public sealed record Address
{
    public string Id { get; set; } = "";
    public string? Phone { get; set; }
    public string? Name { get; set; }
    public string? Floor { get; set; }
    public string? Apartment { get; set; }
    public string? StreetName { get; set; }
    public int? StreetNumber { get; set; }
    public string? ZipCode { get; set; }
    public Place City { get; set; } = new();
    public Place State { get; set; } = new();
    public Place Country { get; set; } = new();
    public Place Neighborhood { get; set; } = new();
    public Place Municipality { get; set; } = new();
    public string? Comments { get; set; }
    public DateTimeOffset DateCreated { get; set; }
}

public sealed record Place
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

/// <summary>The fields of a POST or PUT body, type-checked with the customer API's codes (113 zip code, 114 street
/// name, 125 anything else). A place is a name (the OpenAPI's form) or an <c>{id, name}</c> object (the SDKs').</summary>
public sealed record AddressRequest
{
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public string? Floor { get; init; }
    public string? Apartment { get; init; }
    public string? StreetName { get; init; }
    public int? StreetNumber { get; init; }
    public string? ZipCode { get; init; }
    public Place? City { get; init; }
    public Place? State { get; init; }
    public Place? Country { get; init; }
    public Place? Neighborhood { get; init; }
    public Place? Municipality { get; init; }
    public string? Comments { get; init; }

    public static AddressRequest Parse(JsonFields body) => new()
    {
        Phone = body.String("phone", MpErrors.InvalidParameters, acceptNumber: true),
        Name = body.String("name", MpErrors.InvalidParameters),
        Floor = body.String("floor", MpErrors.InvalidParameters, acceptNumber: true),
        Apartment = body.String("apartment", MpErrors.InvalidParameters, acceptNumber: true),
        StreetName = body.String("street_name", MpErrors.InvalidStreetName),
        StreetNumber = body.Int("street_number", MpErrors.InvalidParameters, acceptString: true),
        ZipCode = body.String("zip_code", MpErrors.InvalidZipCode, acceptNumber: true),
        City = PlaceOf(body, "city"),
        State = PlaceOf(body, "state"),
        Country = PlaceOf(body, "country"),
        Neighborhood = PlaceOf(body, "neighborhood"),
        Municipality = PlaceOf(body, "municipality"),
        Comments = body.String("comments", MpErrors.InvalidParameters),
    };

    static Place? PlaceOf(JsonFields body, string name) => body.Object[name] switch
    {
        null => null,
        System.Text.Json.Nodes.JsonObject => body.Child(name, MpErrors.InvalidParameters) is { } o
            ? new Place { Id = o.String("id", MpErrors.InvalidParameters, acceptNumber: true), Name = o.String("name", MpErrors.InvalidParameters) }
            : null,
        _ => new Place { Name = body.String(name, MpErrors.InvalidParameters) },
    };
}
