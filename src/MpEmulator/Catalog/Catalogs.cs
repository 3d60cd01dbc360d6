using System.Text.Json;
using MpEmulator.Infrastructure;

namespace MpEmulator.Catalog;

/// <summary>The catalogs of every supported site, loaded once from the embedded data files.</summary>
public sealed class Catalogs
{
    public static readonly string[] Sites = ["MLA", "MLB", "MLM", "MLC", "MCO", "MPE", "MLU"];

    readonly Dictionary<string, SiteCatalog> bySite;

    public Catalogs()
    {
        var json = MpJson.Create(TimeSpan.Zero);
        var assembly = typeof(Catalogs).Assembly;
        bySite = Sites.ToDictionary(site => site, site =>
        {
            using var stream = assembly.GetManifestResourceStream($"catalog.{site}.json")
                ?? throw new InvalidOperationException($"catalog for {site} is not embedded");
            return JsonSerializer.Deserialize<SiteCatalog>(stream, json)!;
        });
    }

    public SiteCatalog For(string site) => bySite.TryGetValue(site, out var c) ? c : bySite["MLB"];

    public static bool IsSite(string site) => Sites.Contains(site);
}
