using LiteDB;
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

    public static Owned<Customer> Customers(this Store store, Seller seller) =>
        new(store.Collection<Customer>("customers", nameof(Customer.OwnerEmailKey), nameof(Customer.OwnerActiveCreated)), seller.Id);

    /// <summary>The seller's active customers with this email (at most one), found through the owner-scoped index.</summary>
    public static ILiteQueryable<Customer> CustomersWithEmail(this Store store, Seller seller, string email) =>
        store.Customers(seller).Collection.Query().Where($"$.{nameof(Customer.OwnerEmailKey)} = @0", OwnerKey.Of(seller.Id, CustomerRules.EmailKey(email)));

    /// <summary>The seller's customer, unless unknown or deleted: both are a 404.</summary>
    public static Customer ActiveCustomer(this Store store, Seller seller, string id) =>
        store.Customers(seller).Find(id) is { Status: "active" } c ? c : throw MpErrors.CustomerNotFound.Exception();

    static async Task<Created<Customer>> Create(HttpRequest request, Seller seller, Store store, Ids ids, TimeProvider clock)
    {
        var body = CustomerRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return store.Write(() =>
        {
            var id = ids.Unique(i => $"{seller.Id}-{i.Alphanumeric(14)}", id => store.Customers(seller).Collection.FindById(id) is not null);
            var customer = CustomerRules.Create(body, seller, id, now);
            if (EmailTaken(store, seller, customer.EmailKey!, except: null)) throw MpErrors.CustomerAlreadyExists.Exception();
            store.Customers(seller).Collection.Insert(customer);
            return TypedResults.Created($"/v1/customers/{id}", customer);
        });
    }

    static Ok<Customer> Get(string id, Seller seller, Store store) =>
        TypedResults.Ok(WithCards(store, seller, store.ActiveCustomer(seller, id)));

    static async Task<Ok<Customer>> Update(string id, HttpRequest request, Seller seller, Store store, TimeProvider clock)
    {
        var body = CustomerRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return store.Write(() =>
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
    static Ok<Customer> Delete(string id, Seller seller, Store store, TimeProvider clock) =>
        store.Write(() =>
        {
            var customer = store.ActiveCustomer(seller, id);
            store.Cards(seller).Collection.DeleteMany(Query.And(Query.EQ("OwnerId", seller.Id), Query.EQ("CustomerId", id)));
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
        const string listing = $"$.{nameof(Customer.OwnerActiveCreated)}";
        var (from, to) = OwnerKey.DatedRange(seller.Id, "");
        ILiteQueryable<Customer> Active() => store.Customers(seller).Collection.Query().Where($"{listing} BETWEEN @0 AND @1", from, to);
        var byEmail = q["email"].ToString() is { Length: > 0 } email;
        var query = byEmail ? store.CustomersWithEmail(seller, q["email"].ToString()).Where("$.Status = 'active'") : Active();
        var filtered = byEmail;
        foreach (var (name, field) in new[] { ("id", "_id"), ("first_name", "FirstName"), ("last_name", "LastName") })
            if (q[name].ToString() is { Length: > 0 } value)
            {
                query = query.Where($"$.{field} = @0", value);
                filtered = true;
            }
        // Unfiltered, the total is a count of index keys and the page follows the index: no other document is read.
        var total = filtered ? query.Count() : Active().CountKeys(listing);
        var page = query.OrderBy(listing).Skip(offset).Limit(limit).ToList();
        return TypedResults.Ok(new SearchPage<Customer>(new Paging(total, limit, offset), page.Select(c => WithCards(store, seller, c)).ToList()));
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

    static Customer WithCards(Store store, Seller seller, Customer c) => c with { Cards = store.CardsOf(seller, c.Id) };

    static bool EmailTaken(Store store, Seller seller, string emailKey, string? except) =>
        store.CustomersWithEmail(seller, emailKey).ToEnumerable().Any(c => c.Id != except);
}
