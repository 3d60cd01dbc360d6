using MpEmulator.Infrastructure;

namespace MpEmulator.CardTokens;

/// <summary>Card tokens: a seller's own, and those made with an unregistered public key (owner 0), which any seller may
/// use once.</summary>
public static class CardTokenData
{
    static Table<string, CardToken> Tokens(Store store) => store.Table("card_tokens", (CardToken t) => t.Id);

    public static void LoadCardTokens(this Store store) => _ = Tokens(store);

    /// <summary>The key of the card fingerprints (<see cref="CardTokenRules.Fingerprint"/>), one per database.</summary>
    public static byte[] FingerprintKey(this SellerData data) => data.Store.Secret("card_fingerprint");

    public static bool TokenTaken(this SellerData data, string id) => Tokens(data.Store).FindById(id) is not null;

    /// <summary>A token this seller may use: its own, or one made with an unregistered public key.</summary>
    public static CardToken? UsableToken(this SellerData data, string id) =>
        Tokens(data.Store).FindById(id) is { } t && (t.OwnerId == data.Seller.Id || t.OwnerId == 0) ? t : null;

    /// <summary>Marks a token used, inside the caller's write; null when it is unknown, used or expired.</summary>
    public static CardToken? Consume(this SellerData data, string id, DateTimeOffset now)
    {
        if (data.UsableToken(id) is not { } token || CardTokenRules.StatusAt(token, now) != "active") return null;
        var used = token with { Status = "used", DateLastUpdated = now };
        Tokens(data.Store).Update(used);
        return used;
    }

    /// <summary>Stores a new token of this caller (inside a write).</summary>
    public static void SaveToken(this SellerData data, CardToken token)
    {
        if (token.OwnerId != data.Seller.Id) throw new InvalidOperationException($"a token of {token.OwnerId} saved as {data.Seller.Id}'s");
        Tokens(data.Store).Insert(token);
    }
}
