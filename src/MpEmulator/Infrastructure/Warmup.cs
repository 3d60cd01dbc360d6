using System.Text.Json;
using Microsoft.Extensions.Options;
using MpEmulator.CardTokens;
using MpEmulator.Cards;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Payments;
using MpEmulator.Webhooks;

namespace MpEmulator.Infrastructure;

/// <summary>Once the server has started, does in the background what the first requests would otherwise pay for:
/// loads every table of the database into memory (with its indexes), reads the scenario rules, loads the default site's
/// catalog and builds the JSON metadata of the common documents. Start-up itself does none of it.</summary>
public sealed class Warmup(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<Warmup> log) : IHostedService
{
    readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => new Thread(() =>
        {
            try { Run(); }
            finally { done.TrySetResult(); }
        }) { IsBackground = true, Name = "warm-up" }.Start());
        return Task.CompletedTask;
    }

    /// <summary>Waits for a warm-up still running: the database is closed after the hosted services stop, and a LiteDB
    /// query cut off by the close leaves a transaction whose finalizer later kills the process.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested) return; // never started: nothing runs
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Linux: lowers this thread's priority (nice +10), so the warm-up uses idle CPU and never delays the
    /// requests it prepares for; elsewhere a no-op.</summary>
    static void Yield()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = SetPriority(0, 0, 10);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setpriority")]
    static extern int SetPriority(int which, int who, int priority);

    /// <summary>Loads every table into memory (each is loaded once, on first use).</summary>
    public static void LoadTables(IServiceProvider services)
    {
        var store = services.GetRequiredService<Store>();
        _ = store.PaymentTables().Payments;
        _ = store.PaymentTables().Events;
        _ = store.CustomerTables().Customers;
        _ = store.CustomerTables().Cards;
        _ = Orders.OrderData.OrderTables(store).Orders;
        store.LoadCardTokens();
        _ = store.WebhookDeliveries();
        store.LoadOwnTables();
        _ = services.GetRequiredService<Scenarios.ScenarioBook>().IsEmpty;
        services.GetRequiredService<SellerDirectory>().ByPublicKey("");
        services.GetRequiredService<Idempotency>().Load();
    }

    void Run()
    {
        Yield();
        var store = services.GetRequiredService<Store>();
        try
        {
            store.Opened.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            done.TrySetResult(); // Program reports it and exits
            return;
        }
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            LoadTables(services);
            log.LogInformation("Loaded {Documents} stored documents in {Ms} ms", store.Tables.Sum(t => t.Count), started.ElapsedMilliseconds);
            var options = services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
            services.GetRequiredService<Catalogs>().For(options.Site);
            var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow(); // a default date cannot be shown at an offset
            JsonSerializer.Serialize(new Payment { DateCreated = now, DateLastUpdated = now }, json);
            JsonSerializer.Serialize(new Customer { DateCreated = now, DateLastUpdated = now }, json);
            JsonSerializer.Serialize(new CardToken { DateCreated = now, DateLastUpdated = now, DateDue = now }, json);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A host shutting down under it is expected; anything else is worth seeing. The requests will do the work.
            if (lifetime.ApplicationStopping.IsCancellationRequested) log.LogDebug(e, "Warm-up stopped early");
            else log.LogWarning(e, "Warm-up failed");
        }
    }
}
