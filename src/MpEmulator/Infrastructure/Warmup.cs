using System.Text.Json;
using Microsoft.Extensions.Options;
using MpEmulator.CardTokens;
using MpEmulator.Cards;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Payments;

namespace MpEmulator.Infrastructure;

/// <summary>Once the server has started, does in the background what the first requests would otherwise pay for:
/// waits for the database, prepares the collections and their indexes, reads the scenario rules, loads the default
/// site's catalog and builds the BSON and JSON metadata of the common documents. Start-up itself does none of it. If the
/// database cannot be opened (a file another process holds), says so and stops the emulator with exit code 1.</summary>
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

    void Run()
    {
        Yield();
        var store = services.GetRequiredService<Store>();
        try
        {
            store.Opened.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            log.LogCritical(e, "Cannot open the database {Location}", store.Location);
            done.TrySetResult(); // the exit stops the host, whose StopAsync waits for this
            Environment.Exit(1);
        }
        try
        {
            var db = store.Db;
            var nobody = new Seller(0, "MLB", null, null, null, null);
            // Search keys that a database file from an earlier version lacks.
            var rekeyed = store.Rekey(store.AllPayments(), $"$.{nameof(Payment.OwnerCreated)} = null")
                + store.Rekey(store.Customers(nobody).Collection, $"$.{nameof(Customer.OwnerActiveCreated)} = null AND $.Status = 'active'");
            if (rekeyed > 0) log.LogInformation("Gave {Count} stored documents the search keys of this version", rekeyed);
            store.PaymentEvents().FindById(0);
            store.Cards(nobody).Find("");
            store.CardTokens().FindById("");
            db.Mapper.ToObject<Payment>(db.Mapper.ToDocument(new Payment()));
            db.Mapper.ToObject<Customer>(db.Mapper.ToDocument(new Customer()));
            _ = services.GetRequiredService<Scenarios.ScenarioBook>().IsEmpty;
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
