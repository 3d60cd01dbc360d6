using Microsoft.Extensions.Options;
using MpEmulator.Catalog;
using MpEmulator.Webhooks;

namespace MpEmulator.Infrastructure;

public static class Composition
{
    public static IServiceCollection AddEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmulatorOptions>(configuration);
        services.AddSingleton(sp => new EmulatorClock(sp.GetKeyedService<TimeProvider>(EmulatorClock.BaseKey) ?? TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<EmulatorClock>());
        services.AddSingleton<Store>();
        services.AddSingleton<Ids>();
        services.AddSingleton<SellerDirectory>();
        services.AddSingleton<Catalogs>();
        services.AddSingleton<Idempotency>();
        services.AddSingleton<Scenarios.ScenarioBook>();
        services.AddSingleton<Fixtures.FixtureLoader>();
        services.AddSingleton<Fixtures.FixtureExport>();
        services.AddSingleton<Fixtures.Generator>();
        services.AddSingleton<Journal.RequestJournal>();
        services.AddSingleton<Dashboard.SeenTokens>();
        services.AddWebhooks(configuration);
        services.AddHostedService<Warmup>();
        services.AddHostedService<Payments.PaymentScheduler>();
        services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("x-request-id")));
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>()
            .Configure<IOptions<EmulatorOptions>>((json, emulator) => MpJson.Configure(json.SerializerOptions, emulator.Value.Offset));
        return services;
    }
}
