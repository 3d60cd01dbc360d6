namespace MpEmulator.Users;

/// <summary>The Mercado Pago account behind an access token, as <c>GET /users/me</c> answers it (the fields the Node SDK's
/// <c>UserResponse</c> declares that a test seller has; reputation, billing and company data are left out).</summary>
public sealed record User
{
    public long Id { get; init; }
    public string Nickname { get; init; } = "";
    public DateTimeOffset RegistrationDate { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Gender { get; init; }
    public string CountryId { get; init; } = "";
    public string Email { get; init; } = "";
    public UserIdentification Identification { get; init; } = new();
    public UserAddress Address { get; init; } = new();
    public UserPhone Phone { get; init; } = new();
    public List<string> Tags { get; init; } = [];
    public string UserType { get; init; } = "normal";
    public string? Logo { get; init; }
    public int Points { get; init; }
    public string SiteId { get; init; } = "";
    public string Permalink { get; init; } = "";
    public UserStatus Status { get; init; } = new();
}

public sealed record UserIdentification
{
    public string? Number { get; init; }
    public string? Type { get; init; }
}

public sealed record UserAddress
{
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? ZipCode { get; init; }
}

public sealed record UserPhone
{
    public string? AreaCode { get; init; }
    public string? Extension { get; init; }
    public string? Number { get; init; }
    public bool Verified { get; init; }
}

public sealed record UserStatus
{
    public string SiteStatus { get; init; } = "active";
    public bool ConfirmedEmail { get; init; } = true;
}
