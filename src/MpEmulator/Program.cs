using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MpEmulator.Admin;
using MpEmulator.Cards;
using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Dashboard;
using MpEmulator.Docs;
using MpEmulator.Fixtures;
using MpEmulator.Health;
using MpEmulator.Infrastructure;
using MpEmulator.Journal;
using MpEmulator.Payments;
using MpEmulator.Refunds;
using MpEmulator.Scenarios;

var arguments = EmulatorOptions.NormalizeFlags(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = arguments, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("MPEMU_").AddCommandLine(arguments, EmulatorOptions.Switches);
builder.Services.AddEmulator(builder.Configuration);
builder.Services.AddApiDocs();
var options = builder.Configuration.Get<EmulatorOptions>() ?? new EmulatorOptions();
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes);

var app = builder.Build();
app.UseJournal(); // outermost, so refused requests are journaled with the status and envelope they got
app.UseMpManners();
app.UseCors();
app.UseRouting();
app.UseSellerAuth();
app.UseScenarios();
app.MapHealth();
app.MapCustomers();
app.MapCards();
app.MapCardTokens();
app.MapCatalog();
app.MapPayments();
app.MapRefunds();
app.MapAdmin().MapFixtures().MapJournal();
app.MapDashboard();
app.MapApiDocs();

try
{
    await app.Services.GetRequiredService<FixtureLoader>().LoadStartupAsync();
    if (options.Generate > 0) app.Services.GetRequiredService<Generator>().Generate(Generator.DemoToken, options.Generate / 10, options.Generate);
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
