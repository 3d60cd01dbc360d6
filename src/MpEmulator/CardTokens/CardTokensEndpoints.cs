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

    static async Task<Created<CardToken>> Create(HttpRequest request, Caller caller, SellerData data, Catalogs catalogs, Ids ids,
        TimeProvider clock, Microsoft.Extensions.Options.IOptions<EmulatorOptions> options)
    {
        var body = CardTokenRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson)));
        var now = clock.GetUtcNow();
        var owner = caller.Seller?.Id ?? 0;
        var id = ids.Unique(i => i.Hex(32), data.TokenTaken);
        CardToken token;
        if (body.CardId is { } cardId)
        {
            var card = data.Seller.Id != 0 ? data.Cards().Find(cardId) : null;
            if (card is null || (body.CustomerId is { } c && c != card.CustomerId)) throw MpErrors.CardNotFound.Exception();
            token = CardTokenRules.FromSavedCard(card, body.SecurityCode, id, owner, now);
        }
        else
        {
            var site = caller.Seller?.SiteId ?? options.Value.Site;
            token = CardTokenRules.FromCardData(body, catalogs.For(site), data.FingerprintKey(), id, owner, now);
        }
        await data.WriteAsync(() =>
        {
            data.SaveToken(token);
            return 0;
        });
        return TypedResults.Created($"/v1/card_tokens/{token.Id}", token);
    }

    static Ok<CardToken> Get(string id, SellerData data, TimeProvider clock)
    {
        var token = data.UsableToken(id) ?? throw MpErrors.CardTokenNotFound.Exception();
        return TypedResults.Ok(token with { Status = CardTokenRules.StatusAt(token, clock.GetUtcNow()) });
    }
}
