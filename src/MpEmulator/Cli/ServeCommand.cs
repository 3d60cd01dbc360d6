using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MpEmulator.Fixtures;
using MpEmulator.Infrastructure;

namespace MpEmulator.Cli;

/// <summary><c>mpemulator [switches]</c>: opens the database, loads the start-up data and serves until stopped.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = EmulatorHost.Build(args);
        var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
        if (await StateCommands.OpenAsync(app) is { } failed) return failed;

        try
        {
            await EmulatorHost.LoadStartupDataAsync(app, Console.Out);
        }
        catch (FixtureInvalid e)
        {
            Console.Error.WriteLine($"The fixture {options.Fixtures} is invalid; nothing was loaded:");
            foreach (var problem in e.Problems) Console.Error.WriteLine($"  {problem.Path}: {problem.Message}");
            return EmulatorCommand.Misuse;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null) return;
            var store = app.Services.GetRequiredService<Store>();
            Console.WriteLine($"MpEmulator listening on {address} (storage {store.Location}, site {options.Site}): " +
                              $"give your SDK the base URL {address}");
        });
        await app.RunAsync();
        return 0;
    }
}
