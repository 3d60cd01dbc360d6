using Xunit;

namespace MpEmulator.Testing;

/// <summary>One emulator for a test class (<c>IClassFixture&lt;MpEmulatorFixture&gt;</c>) or a collection
/// (<c>ICollectionFixture&lt;MpEmulatorFixture&gt;</c>). Derive and override <see cref="Options"/> to change how it starts.</summary>
public class MpEmulatorFixture : IAsyncLifetime
{
    MpEmulatorServer? server;

    public MpEmulatorServer Server => server ?? throw new InvalidOperationException("The emulator starts in InitializeAsync, which xunit calls before the tests");

    protected virtual MpEmulatorOptions Options => new();

    public async Task InitializeAsync() => server = await MpEmulatorServer.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }
}
