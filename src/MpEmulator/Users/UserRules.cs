using MpEmulator.Infrastructure;

namespace MpEmulator.Users;

/// <summary>Who a seller is: what a fixture or configuration says, else a test user derived from the seller id alone,
/// so every read of the same token answers the same account.</summary>
public static class UserRules
{
    public static readonly IReadOnlyDictionary<string, string> CountryOfSite = new Dictionary<string, string>
    {
        ["MLA"] = "AR", ["MLB"] = "BR", ["MLM"] = "MX", ["MLC"] = "CL", ["MCO"] = "CO", ["MPE"] = "PE", ["MLU"] = "UY",
    };

    /// <summary>First day a derived seller can have registered; each gets a day and second of its own after it.</summary>
    static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static User Of(Seller seller, TimeSpan offset)
    {
        var nickname = seller.Nickname ?? $"TESTUSER{seller.Id}";
        return new User
        {
            Id = seller.Id,
            Nickname = nickname,
            RegistrationDate = (seller.RegistrationDate ?? Epoch.AddDays(seller.Id % 1461).AddSeconds(seller.Id % 86_400)).ToOffset(offset),
            FirstName = seller.FirstName ?? "Test",
            LastName = seller.LastName ?? "Test",
            CountryId = CountryOfSite.GetValueOrDefault(seller.SiteId, ""),
            Email = seller.Email ?? $"test_user_{seller.Id}@testuser.com",
            Tags = ["normal", "test_user"],
            SiteId = seller.SiteId,
            Permalink = $"http://perfil.mercadolibre.{Payments.PaymentsEndpoints.Domain(seller.SiteId)}/{nickname}",
        };
    }
}
