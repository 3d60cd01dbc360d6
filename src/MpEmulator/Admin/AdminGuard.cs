using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MpEmulator.Infrastructure;

namespace MpEmulator.Admin;

/// <summary>The admin plane belongs to the developer's own machine: no other web origin may call it (a page elsewhere
/// could read every token seen, or reset everything with a simple POST), and while the emulator listens on loopback
/// only, a request must name a loopback host, so a DNS-rebinding page cannot pose as same-origin.</summary>
public static class AdminGuard
{
    public static readonly MpError CrossOrigin = new(403, "forbidden", "The admin plane answers only pages of its own origin", null, null);
    public static readonly MpError ForeignHost = new(403, "forbidden", "The admin plane answers only loopback host names while it listens on loopback", null, null);

    static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>Before CORS, so a refused preflight gets no CORS headers either.</summary>
    public static IApplicationBuilder UseAdminGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/__admin") && Refusal(http) is { } refused)
        {
            await new MpErrorResult(refused).ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    static MpError? Refusal(HttpContext http)
    {
        var host = http.Request.Host;
        if (http.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, host.Value, StringComparison.OrdinalIgnoreCase)))
            return CrossOrigin;
        // A browser names where a request comes from even when it sends no Origin (a GET from a script or an image). A
        // link followed to the dashboard is let through: the page that linked cannot read what opens.
        if (http.Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site"
            && !(HttpMethods.IsGet(http.Request.Method) && http.Request.Headers["Sec-Fetch-Mode"] == "navigate"))
            return CrossOrigin;
        if (ListensOnLoopbackOnly(http) && !IsLoopbackName(host.Host, http)) return ForeignHost;
        return null;
    }

    static bool IsLoopbackName(string host, HttpContext http) =>
        LoopbackNames.Contains(host, StringComparer.OrdinalIgnoreCase)
        || http.RequestServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.AdminHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every address the server listens on is a loopback one (the default, 127.0.0.1). A server without addresses
    /// (in-process tests) counts as loopback.</summary>
    static bool ListensOnLoopbackOnly(HttpContext http) =>
        http.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses is not { Count: > 0 } addresses
        || addresses.All(a => Uri.TryCreate(a.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri)
                              && (uri.IsLoopback || LoopbackNames.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)));
}
