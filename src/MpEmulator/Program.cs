using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MpEmulator.Cards;
using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Health;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;
using MpEmulator.Refunds;
using MpEmulator.Webhooks;

var arguments = EmulatorOptions.NormalizeFlags(args);
var builder = WebApplication.CreateBuilder(arguments);
builder.Configuration.AddEnvironmentVariables("MPEMU_").AddCommandLine(arguments, EmulatorOptions.Switches);
builder.Services.AddEmulator(builder.Configuration);
var options = builder.Configuration.Get<EmulatorOptions>() ?? new EmulatorOptions();
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes);

var app = builder.Build();
app.UseCors();
app.UseMpManners();
app.UseRouting();
app.UseSellerAuth();
app.MapHealth();
app.MapCustomers();
app.MapCards();
app.MapCardTokens();
app.MapCatalog();
app.MapPayments();
app.MapRefunds();
app.MapWebhooks();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
    if (address is null) return;
    var store = app.Services.GetRequiredService<Store>();
    Console.WriteLine($"MpEmulator listening on {address} (storage {store.Location}, site {options.Site}): " +
                      $"give your SDK the base URL {address}");
});
app.Run();

public partial class Program;
