using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bogus;
using MpEmulator.Catalog;

namespace MpEmulator.Fixtures;

/// <summary>Resolves the seed documents' placeholders (<c>[FAKER][ADDRESS][ZIP_CODE]</c>, <c>[FAKER][NAME][FIRST_NAME]</c>, ...)
/// with Bogus in the seller's locale, drawing from the emulator's seeded randomness.</summary>
public static partial class Placeholders
{
    static readonly Dictionary<string, Func<Faker, SiteCatalog, string>> Values = new()
    {
        ["NAME.FIRST_NAME"] = (f, _) => f.Name.FirstName(),
        ["NAME.LAST_NAME"] = (f, _) => f.Name.LastName(),
        ["NAME.FULL_NAME"] = (f, _) => f.Name.FullName(),
        ["ADDRESS.ZIP_CODE"] = (f, _) => f.Address.ZipCode(),
        ["ADDRESS.STREET_NAME"] = (f, _) => f.Address.StreetName(),
        ["ADDRESS.STREET_NUMBER"] = (f, _) => f.Random.Number(1, 9999).ToString(),
        ["ADDRESS.CITY"] = (f, _) => f.Address.City(),
        ["ADDRESS.STATE"] = (f, _) => f.Address.State(),
        ["PHONE_NUMBER.AREA_CODE"] = (f, _) => f.Random.Number(11, 99).ToString(),
        ["PHONE_NUMBER.NUMBER"] = (f, _) => f.Random.ReplaceNumbers("9########"),
        ["IDENTIFICATION.TYPE"] = (_, site) => site.IdentificationTypes.FirstOrDefault()?.Id ?? "",
        ["IDENTIFICATION.NUMBER"] = (f, site) => f.Random.ReplaceNumbers(new string('#', site.IdentificationTypes.FirstOrDefault()?.MaxLength ?? 8)),
        ["INTERNET.EMAIL"] = (f, _) => f.Internet.Email().ToLowerInvariant(),
        ["COMPANY.NAME"] = (f, _) => f.Company.CompanyName(),
        ["LOREM.WORD"] = (f, _) => f.Lorem.Word(),
        ["LOREM.SENTENCE"] = (f, _) => f.Lorem.Sentence(),
    };

    public static IEnumerable<string> Known => Values.Keys.Select(k => "[FAKER][" + k.Replace(".", "][") + "]");

    public static string Locale(string site) => site switch { "MLB" => "pt_BR", "MLM" => "es_MX", _ => "es" };

    public static Faker Faker(string site, int seed) => new(Locale(site)) { Random = new Randomizer(seed) };

    /// <summary>Replaces every placeholder in every string of the node, in place. Unknown placeholders are reported.</summary>
    public static void Resolve(JsonNode? node, Faker faker, SiteCatalog site, string path, List<FixtureProblem> problems)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                    if (child is JsonValue v && v.TryGetValue(out string? text)) o[name] = Replace(text, faker, site, $"{path}.{name}", problems);
                    else Resolve(child, faker, site, $"{path}.{name}", problems);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is JsonValue v && v.TryGetValue(out string? text)) a[i] = Replace(text, faker, site, $"{path}[{i}]", problems);
                    else Resolve(a[i], faker, site, $"{path}[{i}]", problems);
                break;
        }
    }

    static string Replace(string text, Faker faker, SiteCatalog site, string path, List<FixtureProblem> problems) =>
        Placeholder().Replace(text, m =>
        {
            if (Values.TryGetValue($"{m.Groups[1].Value}.{m.Groups[2].Value}", out var value)) return value(faker, site);
            problems.Add(new FixtureProblem(path, $"unknown placeholder {m.Value}; known: {string.Join(", ", Known)}"));
            return m.Value;
        });

    [GeneratedRegex(@"\[FAKER\]\[([A-Z_]+)\]\[([A-Z_]+)\]")]
    private static partial Regex Placeholder();
}
