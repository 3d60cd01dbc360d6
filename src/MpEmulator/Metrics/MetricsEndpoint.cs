using Microsoft.Extensions.Options;
using MpEmulator.Admin;
using MpEmulator.Infrastructure;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MpEmulator.Metrics;

/// <summary><c>GET /metrics</c> in Prometheus' text format, through OpenTelemetry: ASP.NET Core's request metrics (by
/// route, method and status, with latency histograms) and the emulator's own (<see cref="EmulatorMetrics"/>). Behind
/// <c>X-Admin-Key</c> when an <c>AdminKey</c> is set, as the admin plane is.</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddEmulatorMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("mpemulator")).WithMetrics(metrics => metrics
            .AddMeter(EmulatorMetrics.MeterName, "Microsoft.AspNetCore.Hosting")
            .AddPrometheusExporter());
        return services;
    }

    public static void MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            var key = http.RequestServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.AdminKey;
            if (string.IsNullOrEmpty(key) || http.Request.Headers["X-Admin-Key"] == key) await next(http);
            else await new MpErrorResult(AdminEndpoints.WrongAdminKey).ExecuteAsync(http);
        }), optionsName: null);
}
