using MpEmulator.Addresses;
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
using MpEmulator.Metrics;
using MpEmulator.Parity;
using MpEmulator.Orders;
using MpEmulator.Payments;
using MpEmulator.Refunds;
using MpEmulator.Scenarios;
using MpEmulator.Users;
using MpEmulator.Webhooks;

namespace MpEmulator;

/// <summary>The emulator as an application: Program runs it from the command line, MpEmulator.Testing inside a
/// merchant's test run. <paramref name="configure"/> lets such a host adjust the builder before it is built.</summary>
public static class EmulatorHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var arguments = EmulatorOptions.NormalizeFlags(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = arguments, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("MPEMU_").AddCommandLine(arguments, EmulatorOptions.Switches);
        builder.Services.AddEmulator(builder.Configuration);
        builder.Services.AddApiDocs();
        builder.Services.AddEmulatorMetrics();
        var options = builder.Configuration.Get<EmulatorOptions>() ?? new EmulatorOptions();
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
            RequestLimits.Widen(k.Limits);
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseJournal(); // outermost, so refused requests are journaled with the status and envelope they got
        app.UseMpManners();
        app.UseAdminGuard();
        app.UseCors();
        app.UseRouting();
        app.UseSellerAuth();
        app.UseStrictRequests();
        app.UseScenarios();
        app.MapHealth();
        app.MapCustomers();
        app.MapCards();
        app.MapAddresses();
        app.MapCardTokens();
        app.MapCatalog();
        app.MapPayments();
        app.MapRefunds();
        app.MapUsers();
        app.MapOrders().MapOrderAdmin();
        app.MapAdmin().MapFixtures().MapJournal().MapWebhooks().MapParity();
        app.MapDashboard();
        app.MapApiDocs();
        app.MapMetrics();
        return app;
    }

    /// <summary>Loads the start-up fixtures and generated data; throws <see cref="FixtureInvalid"/> before anything is served.
    /// Long work reports its progress to <paramref name="progress"/> when given.</summary>
    public static async Task LoadStartupDataAsync(WebApplication app, TextWriter? progress = null)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmulatorOptions>>().Value;
        await app.Services.GetRequiredService<FixtureLoader>().LoadStartupAsync();
        if (options.Generate > 0) app.Services.GetRequiredService<Generator>().GenerateAtStartup(options.Generate, progress);
    }
}
