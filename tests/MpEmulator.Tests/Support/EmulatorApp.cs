using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MpEmulator.Infrastructure;

namespace MpEmulator.Tests.Support;

/// <summary>The emulator in-process: in-memory LiteDB, fixed seed, a fake clock the test moves.
/// With <c>kestrel: true</c> it listens on a real loopback port for RestSharp and other real clients.</summary>
public sealed class EmulatorApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    IReadOnlyDictionary<string, string?> settings = new Dictionary<string, string?>();

    /// <summary>An emulator with extra configuration (e.g. <c>["Site"] = "MPE"</c>), optionally on a real socket.</summary>
    public static EmulatorApp With(IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var app = new EmulatorApp { settings = settings ?? new Dictionary<string, string?>() };
        if (kestrel)
        {
            app.UseKestrel(0);
            app.StartServer();
        }
        return app;
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The real loopback URL when started with Kestrel.</summary>
    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("InMemory", "true");
        builder.UseSetting("Seed", "42");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(EmulatorClock.BaseKey, Clock));
    }

    /// <summary>A client acting as a brand-new seller, so tests share the server but never data.</summary>
    public Api Seller(string? token = null) => new(CreateClient(), token ?? Sellers.Fresh());
}

public static class Sellers
{
    /// <summary>A Mercado Pago-shaped test token whose last part (the user id) is new each time.</summary>
    public static string Fresh() => $"TEST-1234567890123456-031012-{Guid.NewGuid():N}-{Random.Shared.NextInt64(100_000_000, 9_999_999_999)}";

    public static long UserIdOf(string token) => long.Parse(token[(token.LastIndexOf('-') + 1)..]);
}
