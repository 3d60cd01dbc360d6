using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Cards;

/// <summary>Cards saved on a customer: <c>/v1/customers/{id}/cards</c>.</summary>
public static class CardsEndpoints
{
    public const int MaxCardsPerCustomer = 25;

    public static IEndpointRouteBuilder MapCards(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/customers/{customerId}/cards").WithTags("Customer cards");
        g.MapPost("", Create);
        g.MapGet("", List);
        g.MapGet("/{cardId}", Get);
        g.MapPut("/{cardId}", Update);
        g.MapDelete("/{cardId}", Delete);
        return app;
    }

    static async Task<IResult> Create(string customerId, HttpRequest request, Seller seller, SellerData data, Catalogs catalogs,
        Ids ids, TimeProvider clock)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject));
        var tokenId = body.String("token", MpErrors.CardInvalid) ?? throw MpErrors.CardRequired.Exception();
        var methodId = body.String("payment_method_id", MpErrors.CardPaymentMethodUnresolved)
            ?? body.Child("payment_method", MpErrors.ParameterMustBeObject)?.String("id", MpErrors.CardPaymentMethodUnresolved);
        var catalog = catalogs.For(seller.SiteId);
        var now = clock.GetUtcNow();
        return await data.WriteAsync<IResult>(() =>
        {
            var customer = data.ActiveCustomer(customerId);
            var cards = data.CardsOf(customerId);
            if (data.UsableToken(tokenId) is not { } token || CardTokenRules.StatusAt(token, now) != "active")
                throw MpErrors.CardInvalid.Exception();
            if (token.CustomerId is { } owner && owner != customerId) throw MpErrors.InvalidCardOwner.Exception();
            var method = catalog.Method(token.PaymentMethodId) ?? throw MpErrors.CardPaymentMethodUnresolved.Exception();
            if (methodId is not null && methodId != method.Id && !CardRules.CardTypes.Contains(methodId))
                throw MpErrors.CardPaymentMethodUnresolved.Exception();
            data.Consume(tokenId, now);
            if (cards.FirstOrDefault(c => c.Fingerprint == token.Fingerprint) is { } existing) return TypedResults.Ok(existing);
            if (cards.Count >= MaxCardsPerCustomer) throw MpErrors.TooManyCards.Exception();

            var id = ids.Unique(i => i.Digits(13), data.Cards().Exists);
            var card = CardRules.FromToken(token, method, catalog.DefaultIssuer(method.Id), customerId, id, seller.Id, now);
            data.AddCard(customer, card, now);
            return TypedResults.Created($"/v1/customers/{customerId}/cards/{card.Id}", card);
        });
    }

    static Ok<List<Card>> List(string customerId, SellerData data)
    {
        data.ActiveCustomer(customerId);
        return TypedResults.Ok(data.CardsOf(customerId));
    }

    static Ok<Card> Get(string customerId, string cardId, SellerData data)
    {
        data.ActiveCustomer(customerId);
        return TypedResults.Ok(data.CardOf(customerId, cardId));
    }

    static async Task<Ok<Card>> Update(string customerId, string cardId, HttpRequest request, SellerData data, TimeProvider clock)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject));
        var month = body.Int("expiration_month", MpErrors.CardDataInvalid, acceptString: true);
        var year = body.Int("expiration_year", MpErrors.CardDataInvalid, acceptString: true);
        var holder = body.Child("cardholder", MpErrors.ParameterMustBeObject);
        var identification = holder?.Child("identification", MpErrors.ParameterMustBeObject);
        if (month is < 1 or > 12 || year is < 1000 or > 9999) throw MpErrors.CardDataInvalid.Exception();
        var now = clock.GetUtcNow();
        return await data.WriteAsync(() =>
        {
            data.ActiveCustomer(customerId);
            var card = data.CardOf(customerId, cardId);
            var updated = card with
            {
                ExpirationMonth = month ?? card.ExpirationMonth,
                ExpirationYear = year ?? card.ExpirationYear,
                Cardholder = new Cardholder
                {
                    Name = holder?.String("name", MpErrors.CardDataInvalid) ?? card.Cardholder.Name,
                    Identification = new Identification
                    {
                        Type = identification?.String("type", MpErrors.CardDataInvalid) ?? card.Cardholder.Identification.Type,
                        Number = identification?.String("number", MpErrors.CardDataInvalid, acceptNumber: true) ?? card.Cardholder.Identification.Number,
                    },
                },
                DateLastUpdated = now,
            };
            data.Cards().Save(updated);
            return TypedResults.Ok(updated);
        });
    }

    /// <summary>Removes the card; when it was the default, the newest remaining card (or none) becomes the default.</summary>
    static async Task<Ok<Card>> Delete(string customerId, string cardId, SellerData data, TimeProvider clock) =>
        await data.WriteAsync(() =>
        {
            var customer = data.ActiveCustomer(customerId);
            var card = data.CardOf(customerId, cardId);
            data.Cards().Delete(card.Id);
            if (customer.DefaultCard == card.Id)
            {
                var next = data.CardsOf(customerId).LastOrDefault()?.Id;
                data.Customers().Save(customer with { DefaultCard = next, DateLastUpdated = clock.GetUtcNow() });
            }
            return TypedResults.Ok(card);
        });

    static Card CardOf(this SellerData data, string customerId, string cardId) =>
        data.Cards().Find(cardId) is { } card && card.CustomerId == customerId ? card : throw MpErrors.CardNotFound.Exception();
}
