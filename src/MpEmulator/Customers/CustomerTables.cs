using MpEmulator.Cards;
using MpEmulator.Infrastructure;

namespace MpEmulator.Customers;

/// <summary>Customers and their saved cards: the tables and the indexes searches and listings walk.</summary>
public sealed class CustomerTables
{
    /// <summary>Groups of a customer, oldest first: a seller's active ones (search), the active one with an email,
    /// and every customer, deleted ones too, overall and per seller (the admin plane).</summary>
    public readonly TableIndex<string, Customer, DateTimeOffset> Listing = new(Groups, c => c.DateCreated);

    public readonly TableIndex<string, Card, DateTimeOffset> CardIndex = new(c => [$"c|{c.CustomerId}", $"o|{c.OwnerId}"], c => c.DateCreated);

    public const string AllGroup = "all";

    /// <summary>Loads both tables: an index is read only once its table is loaded.</summary>
    public CustomerTables(Store store)
    {
        Customers = store.Table("customers", (Customer c) => c.Id, Listing);
        Cards = store.Table("cards", (Card c) => c.Id, CardIndex);
    }

    public Table<string, Customer> Customers { get; }

    public Table<string, Card> Cards { get; }

    public static string ActiveOf(long owner) => $"o|{owner}";
    public static string EveryOf(long owner) => $"a|{owner}";
    public static string WithEmail(long owner, string emailKey) => $"e|{owner}|{emailKey}";

    static IEnumerable<string> Groups(Customer c)
    {
        yield return AllGroup;
        yield return EveryOf(c.OwnerId);
        if (c.Status != "active") yield break;
        yield return ActiveOf(c.OwnerId);
        if (c.EmailKey is { } key) yield return WithEmail(c.OwnerId, key);
    }
}

public static class CustomerData
{
    public static CustomerTables CustomerTables(this Store store) => store.Part(s => new CustomerTables(s));

    public static Owned<string, Customer> Customers(this SellerData data) => new(data.Store.CustomerTables().Customers, data.Seller.Id);

    public static Owned<string, Card> Cards(this SellerData data) => new(data.Store.CustomerTables().Cards, data.Seller.Id);

    /// <summary>The seller's active customer with this email, if any (there is at most one).</summary>
    public static Customer? CustomerWithEmail(this SellerData data, string email)
    {
        var t = data.Store.CustomerTables();
        return t.Listing.Page(MpEmulator.Customers.CustomerTables.WithEmail(data.Seller.Id, CustomerRules.EmailKey(email)), false, 0, 1)
            .Select(t.Customers.FindById).FirstOrDefault();
    }

    /// <summary>The seller's customer, unless unknown or deleted: both are a 404.</summary>
    public static Customer ActiveCustomer(this SellerData data, string id) =>
        data.Customers().Find(id) is { Status: "active" } c ? c : throw MpErrors.CustomerNotFound.Exception();

    /// <summary>A customer's cards, oldest first.</summary>
    public static List<Card> CardsOf(this SellerData data, string customerId) =>
        data.Store.CardsOf(data.Seller.Id, customerId);

    /// <summary>Saves a card on a customer (inside a write); the first card becomes the default.</summary>
    public static void AddCard(this SellerData data, Customer customer, Card card, DateTimeOffset now)
    {
        data.Cards().Save(card);
        data.Customers().Save(customer with { DefaultCard = customer.DefaultCard ?? card.Id, DateLastUpdated = now });
    }

    public static Customer WithCards(this SellerData data, Customer c) => c with { Cards = data.CardsOf(c.Id) };

    /// <summary>The seller's active customers (one email's, when given), oldest first, filtered: the total and one page.
    /// Unfiltered, the group's size is the total and the page is read straight from the index.</summary>
    public static (int Total, List<Customer> Page) SearchCustomers(this SellerData data, string? email, List<Func<Customer, bool>> filters,
        int offset, int limit)
    {
        var t = data.Store.CustomerTables();
        var group = email is null
            ? MpEmulator.Customers.CustomerTables.ActiveOf(data.Seller.Id)
            : MpEmulator.Customers.CustomerTables.WithEmail(data.Seller.Id, CustomerRules.EmailKey(email));
        if (filters.Count == 0)
            return (t.Listing.Count(group), t.Listing.Page(group, false, offset, limit).Select(t.Customers.FindById).OfType<Customer>().ToList());
        var all = t.Listing.Keys(group).Select(t.Customers.FindById).OfType<Customer>().Where(c => filters.All(f => f(c))).ToList();
        return (all.Count, all.Skip(offset).Take(limit).ToList());
    }

    /// <summary>Any seller's customer with its cards: for the admin plane.</summary>
    public static Customer WithCards(this Store store, Customer c) => c with { Cards = store.CardsOf(c.OwnerId, c.Id) };

    static List<Card> CardsOf(this Store store, long owner, string customerId)
    {
        var t = store.CustomerTables();
        return t.CardIndex.Keys($"c|{customerId}").Select(t.Cards.FindById).OfType<Card>().Where(c => c.OwnerId == owner).ToList();
    }
}
