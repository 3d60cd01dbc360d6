using MpEmulator.Cards;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.CardTokens;

public static class CardTokensEndpoints
{
    public static IEndpointRouteBuilder MapCardTokens(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/card_tokens").WithTags("Card tokens").AllowPublicKey();
        g.MapPost("", Create);
        g.MapGet("/{id}", Get);
        return app;
    }

    public static Table<string, CardToken> CardTokens(this Store store) =>
        store.Part(s => new TokenTable(s.Table("card_tokens", (CardToken t) => t.Id))).Tokens;

    sealed record TokenTable(Table<string, CardToken> Tokens);

    /// <summary>A token this seller may use: its own, or one made with an unregistered public key.</summary>
    public static CardToken? UsableToken(this Store store, Seller seller, string id) =>
        store.CardTokens().FindById(id) is { } t && (t.OwnerId == seller.Id || t.OwnerId == 0) ? t : null;

    /// <summary>Marks a token used, inside the caller's transaction; null when it is unknown, used or expired.</summary>
    public static CardToken? Consume(this Store store, Seller seller, string id, DateTimeOffset now)
    {
        if (store.UsableToken(seller, id) is not { } token || CardTokenRules.StatusAt(token, now) != "active") return null;
        var used = token with { Status = "used", DateLastUpdated = now };
        store.CardTokens().Update(used);
        return used;
    }

    static async Task<Created<CardToken>> Create(HttpRequest request, Caller caller, Store store, Catalogs catalogs, Ids ids,
        TimeProvider clock, Microsoft.Extensions.Options.IOptions<EmulatorOptions> options)
    {
        var body = CardTokenRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson)));
        var now = clock.GetUtcNow();
        var owner = caller.Seller?.Id ?? 0;
        var id = ids.Unique(i => i.Hex(32), id => store.CardTokens().FindById(id) is not null);
        CardToken token;
        if (body.CardId is { } cardId)
        {
            var card = caller.Seller is { } seller ? store.Cards(seller).Find(cardId) : null;
            if (card is null || (body.CustomerId is { } c && c != card.CustomerId)) throw MpErrors.CardNotFound.Exception();
            token = CardTokenRules.FromSavedCard(card, body.SecurityCode, id, owner, now);
        }
        else
        {
            var site = caller.Seller?.SiteId ?? options.Value.Site;
            token = CardTokenRules.FromCardData(body, catalogs.For(site), id, owner, now);
        }
        await store.WriteAsync(() =>
        {
            store.CardTokens().Insert(token);
            return 0;
        });
        return TypedResults.Created($"/v1/card_tokens/{token.Id}", token);
    }

    static Ok<CardToken> Get(string id, Caller caller, Store store, TimeProvider clock)
    {
        var token = store.CardTokens().FindById(id);
        if (token is null || (token.OwnerId != 0 && token.OwnerId != caller.Seller?.Id)) throw MpErrors.CardTokenNotFound.Exception();
        return TypedResults.Ok(token with { Status = CardTokenRules.StatusAt(token, clock.GetUtcNow()) });
    }
}
