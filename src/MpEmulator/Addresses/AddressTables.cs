using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Addresses;

/// <summary>Addresses live on their customer's document (<c>addresses</c>), so they are read and written with it.</summary>
public static class AddressData
{
    /// <summary>One of the customer's addresses, or 404.</summary>
    public static Address AddressOf(this Customer customer, string addressId) =>
        customer.Addresses.FirstOrDefault(a => a.Id == addressId) ?? throw MpErrors.AddressNotFound.Exception();

    /// <summary>Stores the customer with these addresses (inside a write); its default and <c>address</c> follow.</summary>
    public static Customer SaveAddresses(this SellerData data, Customer customer, List<Address> addresses, DateTimeOffset now)
    {
        var saved = AddressRules.WithAddresses(customer, addresses, now);
        data.Customers().Save(saved);
        return saved;
    }
}
