using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Dashboard;
using MpEmulator.Infrastructure;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Dashboard;

/// <summary>What the emulator remembers of the tokens it sees is bounded, pageable and forgotten on a full reset: made-up
/// tokens cannot grow its memory without end.</summary>
public sealed class SellerListTests
{
    [Fact]
    public void Seen_tokens_keep_only_the_latest_sellers_past_the_capacity()
    {
        var seen = new SeenTokens();
        for (var id = 1; id <= SeenTokens.Capacity + 500; id++) seen.Note(id, $"TEST-x-{id}");
        seen.Note(1, "TEST-x-1"); // already forgotten: seen again, it is the latest

        var kept = seen.All.ToList();
        Assert.Equal(SeenTokens.Capacity, kept.Count);
        Assert.Equal((1L, "TEST-x-1"), (kept[0].Key, kept[0].Value));
        Assert.Equal(SeenTokens.Capacity + 500, kept[1].Key);
        Assert.DoesNotContain(kept, t => t.Key == 2);
    }

    [Fact]
    public void The_seller_cache_never_holds_more_than_its_capacity()
    {
        using var app = new EmulatorApp();
        var sellers = app.Services.GetRequiredService<SellerDirectory>();
        for (var i = 0; i <= SellerDirectory.CacheCapacity; i++) Assert.NotNull(sellers.ByAccessToken($"TEST-{i}-{1000 + i}"));
        Assert.InRange(sellers.Cached, 1, SellerDirectory.CacheCapacity);
        Assert.Equal(1000L + 17, sellers.ByAccessToken("TEST-17-1017")!.Id);
    }

    [Fact]
    public async Task Sellers_are_paged_and_a_full_reset_forgets_the_tokens_seen()
    {
        using var app = new EmulatorApp();
        var apis = Enumerable.Range(0, 3).Select(_ => app.Seller()).ToList();
        foreach (var api in apis) await api.Customer();
        var admin = apis[0];

        var first = (await admin.Get("/__admin/sellers?limit=2")).Is(HttpStatusCode.OK);
        var second = (await admin.Get("/__admin/sellers?limit=2&offset=2")).Is(HttpStatusCode.OK);
        var total = (int)first["paging"]!["total"]!;
        Assert.True(total >= 3);
        Assert.Equal(2, first["results"]!.AsArray().Count);
        Assert.Equal(Math.Min(2, total - 2), second["results"]!.AsArray().Count);
        (await admin.Get("/__admin/sellers?limit=x")).IsError(400, 1);

        (await admin.Post("/__admin/reset", new { })).Is(HttpStatusCode.OK);
        var after = (await admin.Get("/__admin/sellers")).Is(HttpStatusCode.OK).Body;
        foreach (var api in apis.Skip(1)) Assert.DoesNotContain(api.Token, after);
    }
}
