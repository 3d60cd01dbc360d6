using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MpEmulator;
using MpEmulator.Fixtures;
using MpEmulator.Infrastructure;

var app = EmulatorHost.Build(args);
var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;

try
{
    await app.Services.GetRequiredService<Store>().Opened;
}
catch (Exception e)
{
    Console.Error.WriteLine(e is DatabaseFileRefused ? e.Message : $"Cannot open the database {options.Db}: {e.Message}");
    return 1;
}

try
{
    await EmulatorHost.LoadStartupDataAsync(app);
}
catch (FixtureInvalid e)
{
    Console.Error.WriteLine($"The fixture {options.Fixtures} is invalid; nothing was loaded:");
    foreach (var problem in e.Problems) Console.Error.WriteLine($"  {problem.Path}: {problem.Message}");
    return 2;
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

public partial class Program;
