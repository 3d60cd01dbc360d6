using System.Net;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

/// <summary>LiteDB 5 breaks for good when a read meets a collection another thread's transaction is still creating,
/// so every collection exists, empty, before the first request, and no request or background job creates one.</summary>
public sealed class StoreTests
{
    [Fact]
    public async Task Every_collection_exists_empty_before_the_first_request()
    {
        using var app = new EmulatorApp();
        var collections = (await app.Seller().Get("/__admin/state")).Is(HttpStatusCode.OK)["collections"]!.AsObject();
        Assert.Equal(Store.CollectionNames.Order(), collections.Select(c => c.Key));
        Assert.All(collections, c => Assert.Equal(0, (int)c.Value!));
    }
}
