using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LiteDB;
using Microsoft.Extensions.Options;

namespace MpEmulator.Infrastructure;

/// <summary>The Mercado Pago account an access token belongs to: the collector of everything it creates.</summary>
public sealed record Seller(long Id, string SiteId, string? AccessToken, string? PublicKey, string? WebhookSecret, string? NotificationUrl)
{
    public decimal? FeeRate { get; init; }
    public int? ReleaseDays { get; init; }
    /// <summary>Who the account is, where a fixture or configuration says (<c>GET /users/me</c>); else derived.</summary>
    public string? Nickname { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public DateTimeOffset? RegistrationDate { get; init; }

    /// <summary>The application (client) id: the second part of a Mercado Pago token, else the seller id.</summary>
    public long ApplicationId => AccessToken?.Split('-') is [_, var app, ..] && long.TryParse(app, out var id) ? id : Id;

    public static ValueTask<Seller?> BindAsync(HttpContext http) => ValueTask.FromResult(http.Features.Get<Seller>());
}

/// <summary>A seller registered in configuration (<c>Sellers</c>) or by a fixture: its token and what it overrides.</summary>
public sealed class SellerAccount
{
    [BsonId] public string AccessToken { get; set; } = "";
    public string? PublicKey { get; set; }
    public string? SiteId { get; set; }
    public string? WebhookSecret { get; set; }
    public string? NotificationUrl { get; set; }
    public int? ReleaseDays { get; set; }
    public decimal? FeeRate { get; set; }
    public string? Nickname { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateTimeOffset? RegistrationDate { get; set; }
}

/// <summary>Who called a browser-side endpoint: a seller (by access token or a registered public key), or only an
/// unregistered public key, whose card tokens any seller may use once.</summary>
public sealed record Caller(Seller? Seller, string? PublicKey)
{
    public static ValueTask<Caller?> BindAsync(HttpContext http) => ValueTask.FromResult(http.Features.Get<Caller>());
}

/// <summary>Knows the sellers registered in configuration or by fixtures, and derives the others from their tokens.</summary>
public sealed partial class SellerDirectory(IOptions<EmulatorOptions> options, Store store)
{
    readonly EmulatorOptions options = options.Value;
    readonly ConcurrentDictionary<string, Seller?> byToken = new();

    Table<string, SellerAccount> Accounts => store.Table("sellers", (SellerAccount a) => a.AccessToken);

    /// <summary>How many tokens' sellers are kept resolved; past it the cache starts over (resolving is cheap, an
    /// unbounded cache is memory any client can fill with made-up tokens).</summary>
    public const int CacheCapacity = 10_000;

    public Seller? ByAccessToken(string token)
    {
        if (byToken.TryGetValue(token, out var seller)) return seller;
        if (byToken.Count >= CacheCapacity) byToken.Clear();
        return byToken.GetOrAdd(token, Resolve);
    }

    internal int Cached => byToken.Count;

    public Seller? ByPublicKey(string key) =>
        (options.Sellers.FirstOrDefault(s => s.PublicKey == key) ?? Accounts.FindAll().FirstOrDefault(a => a.PublicKey == key)) is { } s
            ? ByAccessToken(s.AccessToken)
            : null;

    public IEnumerable<SellerAccount> Registered => options.Sellers.Concat(Accounts.FindAll());

    /// <summary>The seller owning a document, for the admin plane: as registered, else a bare one of the document's site.</summary>
    public Seller Owner(long owner, string site) =>
        Registered.FirstOrDefault(a => UserIdOf(a.AccessToken) == owner) is { } account
            ? ByAccessToken(account.AccessToken)!
            : new Seller(owner, site, null, null, null, null);

    /// <summary>Stores sellers of a fixture (inside the fixture's transaction) and forgets what was derived before.</summary>
    public void Register(IEnumerable<SellerAccount> accounts)
    {
        foreach (var account in accounts) Accounts.Upsert(account);
        byToken.Clear();
    }

    /// <summary>Forgets derived sellers, and the stored registrations too unless <paramref name="keepStored"/>.</summary>
    public void Forget(bool keepStored = false)
    {
        if (!keepStored) store.Write(() => Accounts.DeleteMany(_ => true));
        byToken.Clear();
    }

    Seller? Resolve(string token)
    {
        var registered = options.Sellers.FirstOrDefault(s => s.AccessToken == token) ?? Accounts.FindById(token);
        if (registered is null && options.StrictTokens) return null;
        return new Seller(UserIdOf(token), registered?.SiteId ?? options.Site, token, registered?.PublicKey,
            registered?.WebhookSecret, registered?.NotificationUrl)
        {
            FeeRate = registered?.FeeRate,
            ReleaseDays = registered?.ReleaseDays,
            Nickname = registered?.Nickname,
            Email = registered?.Email,
            FirstName = registered?.FirstName,
            LastName = registered?.LastName,
            RegistrationDate = registered?.RegistrationDate,
        };
    }

    /// <summary>Mercado Pago tokens end in the user id (<c>TEST-...-123456789</c>); any other token gets a stable id of its own.</summary>
    public static long UserIdOf(string token)
    {
        if (UserIdSuffix().Match(token) is { Success: true } m && long.TryParse(m.Groups[1].Value, out var id)) return id;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return 100_000_000 + (long)(BitConverter.ToUInt64(hash) % 900_000_000);
    }

    [GeneratedRegex(@"^(?:TEST|APP_USR)-.+-(\d{1,18})$")]
    private static partial Regex UserIdSuffix();
}
