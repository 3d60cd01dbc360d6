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

    public static Owned<string, Customer> Customers(this Store store, Seller seller) => new(store.CustomerTables().Customers, seller.Id);

    public static Owned<string, Card> Cards(this Store store, Seller seller) => new(store.CustomerTables().Cards, seller.Id);

    /// <summary>The seller's active customer with this email, if any (there is at most one).</summary>
    public static Customer? CustomerWithEmail(this Store store, Seller seller, string email)
    {
        var t = store.CustomerTables();
        return t.Listing.Page(MpEmulator.Customers.CustomerTables.WithEmail(seller.Id, CustomerRules.EmailKey(email)), false, 0, 1)
            .Select(t.Customers.FindById).FirstOrDefault();
    }

    /// <summary>The seller's customer, unless unknown or deleted: both are a 404.</summary>
    public static Customer ActiveCustomer(this Store store, Seller seller, string id) =>
        store.Customers(seller).Find(id) is { Status: "active" } c ? c : throw MpErrors.CustomerNotFound.Exception();

    /// <summary>A customer's cards, oldest first.</summary>
    public static List<Card> CardsOf(this Store store, Seller seller, string customerId)
    {
        var t = store.CustomerTables();
        return t.CardIndex.Keys($"c|{customerId}").Select(t.Cards.FindById).OfType<Card>().Where(c => c.OwnerId == seller.Id).ToList();
    }

    /// <summary>Saves a card on a customer (inside a write); the first card becomes the default.</summary>
    public static void AddCard(this Store store, Seller seller, Customer customer, Card card, DateTimeOffset now)
    {
        store.Cards(seller).Collection.Insert(card);
        store.Customers(seller).Collection.Update(customer with { DefaultCard = customer.DefaultCard ?? card.Id, DateLastUpdated = now });
    }

    public static Customer WithCards(this Store store, Seller seller, Customer c) => c with { Cards = store.CardsOf(seller, c.Id) };
}
