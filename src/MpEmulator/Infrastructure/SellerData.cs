namespace MpEmulator.Infrastructure;

/// <summary>The data of one seller: what a <c>/v1</c> handler gets instead of the <see cref="Store"/>. Every lookup through
/// it finds only this seller's documents and every change it makes is this seller's; the slices' data modules
/// (<c>*Tables.cs</c>) build their reads and writes on it. The admin plane holds the store itself (every seller) and
/// acts as one seller only through <see cref="Store.For"/>.</summary>
public sealed class SellerData(Store store, Seller seller)
{
    public Seller Seller => seller;

    /// <summary>For the data modules only; handlers never reach past the seller's view.</summary>
    internal Store Store => store;

    public Task<T> WriteAsync<T>(Func<T> change) => store.WriteAsync(change);

    public T Write<T>(Func<T> change) => store.Write(change);

    /// <summary>Whoever made the card tokens of an unregistered public key: no seller, owner 0.</summary>
    public static readonly Seller Unregistered = new(0, "", null, null, null, null);

    /// <summary>The seller behind the request's access token (or public key), bound as a handler parameter.</summary>
    public static ValueTask<SellerData?> BindAsync(HttpContext http) =>
        ValueTask.FromResult(http.Features.Get<Seller>() is { } seller ? http.RequestServices.GetRequiredService<Store>().For(seller)
            : http.Features.Get<Caller>() is not null ? http.RequestServices.GetRequiredService<Store>().For(Unregistered)
            : null);
}
