using MpEmulator.Infrastructure;

namespace MpEmulator.Health;

public static class HealthEndpoints
{
    static readonly string Version = typeof(HealthEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var started = DateTimeOffset.UtcNow;
        app.MapGet("/health", (Store store) => TypedResults.Ok(new Health(store.Failure is null ? "ok" : "degraded", Version,
            Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds, 3), store.Location, store.Failure))).WithTags("Health");
        return app;
    }

    /// <summary>Uptime is wall-clock on purpose: it measures the process, not the emulator's (movable) clock.</summary>
    /// <summary><c>degraded</c> while storage refuses writes (a full disk), with the reason; reads go on meanwhile.</summary>
    public sealed record Health(string Status, string Version, double UptimeSeconds, string Storage,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Reason);
}
