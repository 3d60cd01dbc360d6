using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpEmulator.Catalog;

/// <summary>The catalogs of every supported site, each read from its embedded data file the first time it is asked for
/// (start-up reads none), through source-generated JSON metadata.</summary>
public sealed class Catalogs
{
    public static readonly string[] Sites = ["MLA", "MLB", "MLM", "MLC", "MCO", "MPE", "MLU"];

    readonly Dictionary<string, Lazy<SiteCatalog>> bySite =
        Sites.ToDictionary(site => site, site => new Lazy<SiteCatalog>(() => Load(site)));

    public SiteCatalog For(string site) => (bySite.TryGetValue(site, out var c) ? c : bySite["MLB"]).Value;

    public static bool IsSite(string site) => Sites.Contains(site);

    static SiteCatalog Load(string site)
    {
        using var stream = typeof(Catalogs).Assembly.GetManifestResourceStream($"catalog.{site}.json")
            ?? throw new InvalidOperationException($"catalog for {site} is not embedded");
        return JsonSerializer.Deserialize(stream, CatalogJson.Default.SiteCatalog)!;
    }
}

/// <summary>The catalog files' shape (snake_case, strict numbers), generated at compile time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SiteCatalog))]
internal sealed partial class CatalogJson : JsonSerializerContext;
