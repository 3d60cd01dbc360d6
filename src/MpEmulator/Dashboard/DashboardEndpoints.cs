using MpEmulator.Admin;
using MpEmulator.Infrastructure;

namespace MpEmulator.Dashboard;

/// <summary>The dashboard: its page at <c>/__admin/ui</c>, the read-only JSON it needs under <c>/__admin</c> (behind the
/// admin key, like the rest of the control plane) and the live feed. Everything it changes goes through the existing
/// <c>/v1</c> and <c>/__admin</c> routes.</summary>
public static class DashboardEndpoints
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var seen = app.Services.GetRequiredService<SeenTokens>();
        app.Use((http, next) =>
        {
            if (http.Features.Get<Seller>() is { AccessToken: { } token } seller) seen.Note(seller.Id, token);
            else if (WantsPage(http.Request))
            {
                http.Response.Redirect(DashboardAssets.Home);
                return Task.CompletedTask;
            }
            return next(http);
        });

        // The page itself needs no admin key (a browser cannot send one); it asks for the key when the API wants it.
        app.MapGet(DashboardAssets.Home, (HttpContext http) => DashboardAssets.Serve(null, http)).WithTags("Dashboard");
        app.MapGet(DashboardAssets.Home + "/{**path}", (string? path, HttpContext http) => DashboardAssets.Serve(path, http)).WithTags("Dashboard");

        var data = app.MapGroup("/__admin").WithTags("Dashboard").AddEndpointFilter(AdminEndpoints.RequireAdminKey);
        data.MapGet("/sellers", DashboardQueries.Sellers);
        data.MapGet("/payments", DashboardQueries.Payments);
        data.MapGet("/payments/{id:long}", DashboardQueries.Payment);
        data.MapGet("/customers", DashboardQueries.Customers);
        data.MapGet("/events", PaymentFeed.Stream);
        data.MapGet("/about", About);
        return app;
    }

    public sealed record AboutView(string Version, string Site, string TimeZone, string Storage, bool Webhooks);

    /// <summary>What the page adapts to: whether this build delivers webhooks is read off the mapped routes.</summary>
    static Ok<AboutView> About(EndpointDataSource endpoints, Store store, Microsoft.Extensions.Options.IOptions<EmulatorOptions> options) =>
        TypedResults.Ok(new AboutView(typeof(DashboardEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", options.Value.Site,
            options.Value.TimeZone, store.Location, endpoints.Endpoints.OfType<RouteEndpoint>()
                .Any(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("__admin/webhooks", StringComparison.Ordinal) == true)));

    /// <summary>A browser opening the emulator's root; API clients asking for <c>/</c> keep getting the 404 envelope.</summary>
    static bool WantsPage(HttpRequest request) =>
        request.Path == "/" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
