using MpEmulator.Cards;
using MpEmulator.Infrastructure;

namespace MpEmulator.Customers;

public static class CustomersEndpoints
{
    public const int DefaultSearchLimit = 10;
    public const int MaxSearchLimit = 100;

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/customers").WithTags("Customers");
        g.MapPost("", Create);
        g.MapGet("/search", Search);
        g.MapGet("/{id}", Get);
        g.MapPut("/{id}", Update);
        g.MapDelete("/{id}", Delete);
        return app;
    }

    static async Task<Created<Customer>> Create(HttpRequest request, Seller seller, SellerData data, Ids ids, TimeProvider clock)
    {
        var body = CustomerRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return await data.WriteAsync(() =>
        {
            var id = ids.Unique(i => $"{seller.Id}-{i.Alphanumeric(14)}", data.Customers().Exists);
            var customer = CustomerRules.Create(body, seller, id, now);
            if (EmailTaken(data, customer.EmailKey!, except: null)) throw MpErrors.CustomerAlreadyExists.Exception();
            data.Customers().Save(customer);
            return TypedResults.Created($"/v1/customers/{id}", customer);
        });
    }

    static Ok<Customer> Get(string id, SellerData data) => TypedResults.Ok(data.WithCards(data.ActiveCustomer(id)));

    static async Task<Ok<Customer>> Update(string id, HttpRequest request, SellerData data, TimeProvider clock)
    {
        var body = CustomerRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return await data.WriteAsync(() =>
        {
            var current = data.ActiveCustomer(id);
            var cards = data.CardsOf(id);
            var updated = CustomerRules.Update(current, body, cards.Select(c => c.Id).ToList(), now);
            if (updated.EmailKey != current.EmailKey && EmailTaken(data, updated.EmailKey!, except: id))
                throw MpErrors.CustomerAlreadyExists.Exception();
            data.Customers().Save(updated);
            return TypedResults.Ok(updated with { Cards = cards });
        });
    }

    /// <summary>Mercado Pago deletes softly: the customer answers once more with <c>status: deactive</c>, its cards are
    /// removed, it leaves search and its email is free again.</summary>
    static async Task<Ok<Customer>> Delete(string id, SellerData data, TimeProvider clock) =>
        await data.WriteAsync(() =>
        {
            var customer = data.ActiveCustomer(id);
            foreach (var card in data.CardsOf(id)) data.Cards().Delete(card.Id);
            var deleted = customer with
            {
                Status = "deactive", EmailKey = null, DefaultCard = null, DateLastUpdated = clock.GetUtcNow(),
            };
            data.Customers().Save(deleted);
            return TypedResults.Ok(deleted);
        });

    static async Task<Ok<SearchPage<Customer>>> Search(HttpRequest request, SellerData data)
    {
        var q = await FiltersOf(request);
        var (limit, offset) = PagingRules.Read(q, DefaultSearchLimit, MaxSearchLimit, MpErrors.InvalidParameters);
        var filters = new List<Func<Customer, bool>>();
        foreach (var (name, field) in new (string, Func<Customer, string?>)[] { ("id", c => c.Id), ("first_name", c => c.FirstName), ("last_name", c => c.LastName) })
            if (q[name].ToString() is { Length: > 0 } value) filters.Add(c => field(c) == value);
        var email = q["email"].ToString() is { Length: > 0 } e ? e : null;
        var (total, page) = data.SearchCustomers(email, filters, offset, limit);
        return TypedResults.Ok(new SearchPage<Customer>(new Paging(total, limit, offset), page.Select(data.WithCards).ToList()));
    }

    /// <summary>The query string's filters; the seed guide's curl sends them as a JSON body on the GET instead, so a
    /// body's fields count too (the query string wins).</summary>
    static async Task<IQueryCollection> FiltersOf(HttpRequest request)
    {
        if (request.ContentLength is null or 0) return request.Query;
        var filters = (await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject))
            .Where(p => p.Value is System.Text.Json.Nodes.JsonValue)
            .ToDictionary(p => p.Key, p => new Microsoft.Extensions.Primitives.StringValues(p.Value!.ToString()));
        foreach (var (key, value) in request.Query) filters[key] = value;
        return new Microsoft.AspNetCore.Http.QueryCollection(filters);
    }

    static bool EmailTaken(SellerData data, string emailKey, string? except) =>
        data.CustomerWithEmail(emailKey) is { } c && c.Id != except;
}
