namespace MpEmulator.Testing.Tests;

/// <summary>One emulator shared by every class of a collection.</summary>
[CollectionDefinition(Name)]
public sealed class SharedEmulator : ICollectionFixture<MpEmulatorFixture>
{
    public const string Name = "shared emulator";
}

[Collection(SharedEmulator.Name)]
public sealed class FirstClassOfTheCollection(MpEmulatorFixture fixture)
{
    static string? seenBaseUrl;

    /// <summary>Whichever class runs first records the server; the other must see the same one.</summary>
    internal static void AssertSameServer(string baseUrl) =>
        Assert.Equal(Interlocked.CompareExchange(ref seenBaseUrl, baseUrl, null) ?? baseUrl, baseUrl);

    [Fact]
    public async Task Gets_the_shared_server()
    {
        Assert.NotNull(await fixture.Server.NewSellerAsync());
        AssertSameServer(fixture.Server.BaseUrl);
    }
}

[Collection(SharedEmulator.Name)]
public sealed class SecondClassOfTheCollection(MpEmulatorFixture fixture)
{
    [Fact]
    public async Task Gets_the_same_server()
    {
        Assert.NotNull(await fixture.Server.NewSellerAsync(site: "MPE"));
        FirstClassOfTheCollection.AssertSameServer(fixture.Server.BaseUrl);
    }
}
