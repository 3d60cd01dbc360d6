using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Addresses;

/// <summary>Addresses saved on a customer: <c>/v1/customers/{id}/addresses</c>.</summary>
public static class AddressesEndpoints
{
    public static IEndpointRouteBuilder MapAddresses(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/customers/{customerId}/addresses").WithTags("Customer addresses");
        g.MapPost("", Create);
        g.MapGet("", List);
        g.MapGet("/{addressId}", Get);
        g.MapPut("/{addressId}", Update);
        g.MapDelete("/{addressId}", Delete);
        return app;
    }

    static async Task<Created<Address>> Create(string customerId, HttpRequest request, SellerData data, Ids ids, TimeProvider clock)
    {
        var body = AddressRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return await data.WriteAsync(() =>
        {
            var customer = data.ActiveCustomer(customerId);
            if (customer.Addresses.Count >= AddressRules.MaxAddressesPerCustomer) throw MpErrors.TooManyAddresses.Exception();
            var id = ids.Unique(i => i.Digits(10), taken => customer.Addresses.Any(a => a.Id == taken));
            var address = AddressRules.Create(body, id, now);
            data.SaveAddresses(customer, [.. customer.Addresses, address], now);
            return TypedResults.Created($"/v1/customers/{customerId}/addresses/{id}", address);
        });
    }

    static Ok<List<Address>> List(string customerId, SellerData data) => TypedResults.Ok(data.ActiveCustomer(customerId).Addresses);

    static Ok<Address> Get(string customerId, string addressId, SellerData data) =>
        TypedResults.Ok(data.ActiveCustomer(customerId).AddressOf(addressId));

    static async Task<Ok<Address>> Update(string customerId, string addressId, HttpRequest request, SellerData data, TimeProvider clock)
    {
        var body = AddressRequest.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.BodyMustBeObject)));
        var now = clock.GetUtcNow();
        return await data.WriteAsync(() =>
        {
            var customer = data.ActiveCustomer(customerId);
            var updated = AddressRules.Update(customer.AddressOf(addressId), body);
            data.SaveAddresses(customer, customer.Addresses.Select(a => a.Id == addressId ? updated : a).ToList(), now);
            return TypedResults.Ok(updated);
        });
    }

    /// <summary>Removes the address; when it was the default, the newest remaining one (or none) becomes the default.</summary>
    static async Task<Ok<Address>> Delete(string customerId, string addressId, SellerData data, TimeProvider clock) =>
        await data.WriteAsync(() =>
        {
            var customer = data.ActiveCustomer(customerId);
            var address = customer.AddressOf(addressId);
            data.SaveAddresses(customer, customer.Addresses.Where(a => a.Id != addressId).ToList(), clock.GetUtcNow());
            return TypedResults.Ok(address);
        });
}
