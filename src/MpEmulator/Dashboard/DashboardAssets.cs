using System.Reflection;
using Microsoft.Net.Http.Headers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Dashboard;

/// <summary>The page's files, embedded in this assembly (<c>Dashboard/Assets</c>): nothing to build, nothing on disk.</summary>
public static class DashboardAssets
{
    public const string Home = "/__admin/ui";
    const string Prefix = "dashboard/";

    static readonly Assembly Assembly = typeof(DashboardAssets).Assembly;

    /// <summary>Path under <c>/__admin/ui/</c> → resource name (MSBuild writes the folder separator of the OS it ran on).</summary>
    public static readonly IReadOnlyDictionary<string, string> Files = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(n => n[Prefix.Length..].Replace('\\', '/'), n => n);

    static readonly EntityTagHeaderValue Tag = new($"\"{Assembly.ManifestModule.ModuleVersionId:N}\"");

    static readonly Dictionary<string, string> Types = new()
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml", [".png"] = "image/png",
    };

    /// <summary>The page may load and call nothing but the emulator: no fonts, CDNs or beacons, even by accident.</summary>
    const string Policy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
                          + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IResult Serve(string? path, HttpContext http)
    {
        var name = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Files.TryGetValue(name, out var resource)) return new MpErrorResult(MpErrors.RouteNotFound(http.Request.Path));
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (name == "index.html") http.Response.Headers.ContentSecurityPolicy = Policy;
        var type = Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return TypedResults.Stream(Assembly.GetManifestResourceStream(resource)!, type, entityTag: Tag);
    }
}
