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

    static async Task<Created<Customer>> Create(HttpRequest request, Seller seller, Store store, Ids ids, TimeProvider clock)
    {
        var body = CustomerRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return await store.WriteAsync(() =>
        {
            var id = ids.Unique(i => $"{seller.Id}-{i.Alphanumeric(14)}", id => store.Customers(seller).Collection.FindById(id) is not null);
            var customer = CustomerRules.Create(body, seller, id, now);
            if (EmailTaken(store, seller, customer.EmailKey!, except: null)) throw MpErrors.CustomerAlreadyExists.Exception();
            store.Customers(seller).Collection.Insert(customer);
            return TypedResults.Created($"/v1/customers/{id}", customer);
        });
    }

    static Ok<Customer> Get(string id, Seller seller, Store store) =>
        TypedResults.Ok(store.WithCards(seller, store.ActiveCustomer(seller, id)));

    static async Task<Ok<Customer>> Update(string id, HttpRequest request, Seller seller, Store store, TimeProvider clock)
    {
        var body = CustomerRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return await store.WriteAsync(() =>
        {
            var current = store.ActiveCustomer(seller, id);
            var cards = store.CardsOf(seller, id);
            var updated = CustomerRules.Update(current, body, cards.Select(c => c.Id).ToList(), now);
            if (updated.EmailKey != current.EmailKey && EmailTaken(store, seller, updated.EmailKey!, except: id))
                throw MpErrors.CustomerAlreadyExists.Exception();
            store.Customers(seller).Collection.Update(updated);
            return TypedResults.Ok(updated with { Cards = cards });
        });
    }

    /// <summary>Mercado Pago deletes softly: the customer answers once more with <c>status: deactive</c>, its cards are
    /// removed, it leaves search and its email is free again.</summary>
    static async Task<Ok<Customer>> Delete(string id, Seller seller, Store store, TimeProvider clock) =>
        await store.WriteAsync(() =>
        {
            var customer = store.ActiveCustomer(seller, id);
            foreach (var card in store.CardsOf(seller, id)) store.Cards(seller).Collection.Delete(card.Id);
            var deleted = customer with
            {
                Status = "deactive", EmailKey = null, DefaultCard = null, DateLastUpdated = clock.GetUtcNow(),
            };
            store.Customers(seller).Collection.Update(deleted);
            return TypedResults.Ok(deleted);
        });

    static async Task<Ok<SearchPage<Customer>>> Search(HttpRequest request, Seller seller, Store store)
    {
        var q = await FiltersOf(request);
        var (limit, offset) = PagingRules.Read(q, DefaultSearchLimit, MaxSearchLimit, MpErrors.InvalidParameters);
        var t = store.CustomerTables();
        var group = q["email"].ToString() is { Length: > 0 } email
            ? CustomerTables.WithEmail(seller.Id, CustomerRules.EmailKey(email))
            : CustomerTables.ActiveOf(seller.Id);
        var filters = new List<Func<Customer, bool>>();
        foreach (var (name, field) in new (string, Func<Customer, string?>)[] { ("id", c => c.Id), ("first_name", c => c.FirstName), ("last_name", c => c.LastName) })
            if (q[name].ToString() is { Length: > 0 } value) filters.Add(c => field(c) == value);
        // Unfiltered, the group's size is the total and the page is read straight from the index.
        var (total, page) = filters.Count == 0
            ? (t.Listing.Count(group), t.Listing.Page(group, false, offset, limit).Select(t.Customers.FindById).OfType<Customer>().ToList())
            : Filtered(t.Listing.Keys(group).Select(t.Customers.FindById).OfType<Customer>().Where(c => filters.All(f => f(c))).ToList(), offset, limit);
        return TypedResults.Ok(new SearchPage<Customer>(new Paging(total, limit, offset), page.Select(c => store.WithCards(seller, c)).ToList()));
    }

    static (int, List<Customer>) Filtered(List<Customer> all, int offset, int limit) => (all.Count, all.Skip(offset).Take(limit).ToList());

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

    static bool EmailTaken(Store store, Seller seller, string emailKey, string? except) =>
        store.CustomerWithEmail(seller, emailKey) is { } c && c.Id != except;
}
