using System.Net;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Infrastructure;

public sealed class StoreTests
{
    [Fact]
    public async Task A_fresh_emulator_reports_every_table_empty()
    {
        using var app = new EmulatorApp();
        var collections = (await app.Seller().Get("/__admin/state")).Is(HttpStatusCode.OK)["collections"]!.AsObject();
        Assert.Contains("payments", collections.Select(c => c.Key));
        Assert.Contains("customers", collections.Select(c => c.Key));
        Assert.All(collections, c => Assert.Equal(0, (int)c.Value!));
    }
}
