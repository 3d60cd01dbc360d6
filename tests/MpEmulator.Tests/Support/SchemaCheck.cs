using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpEmulator.Tests.Support;

/// <summary>Checks answers against the emulator's own OpenAPI document (<c>/openapi/v1.json</c>): the schema the route
/// declares for that status, followed through <c>$ref</c>, <c>type</c>, <c>properties</c>, <c>items</c> and
/// <c>oneOf</c>/<c>anyOf</c>. A field of another JSON type than declared, or one the schema does not declare, is a drift.</summary>
public sealed class SchemaCheck(JsonNode document)
{
    readonly JsonObject paths = document["paths"]!.AsObject();
    readonly JsonObject schemas = document["components"]!["schemas"]!.AsObject();

    /// <summary>What is wrong with <paramref name="body"/> as the answer <paramref name="status"/> of <paramref name="method"/>
    /// <paramref name="path"/>; empty when it matches. A route or status the document does not describe is a problem too.</summary>
    public List<string> Problems(string method, string path, int status, JsonNode? body)
    {
        var where = $"{method} {path} {status}";
        if (Template(path) is not { } template) return [$"{where}: no such path in the document"];
        var schema = paths[template]?[method.ToLowerInvariant()]?["responses"]?[status.ToString()]?["content"]?["application/json"]?["schema"];
        if (schema is null) return [$"{where}: the document declares no JSON schema for it ({template})"];
        var problems = new List<string>();
        Check(body, schema, "$", problems);
        return problems.Select(p => $"{where}: {p}").ToList();
    }

    /// <summary>The document path a request path falls under, literal segments preferred to parameters.</summary>
    string? Template(string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        return paths.Select(p => (p.Key, Parts: p.Key.Trim('/').Split('/')))
            .Where(t => t.Parts.Length == segments.Length
                        && t.Parts.Zip(segments).All(x => x.First.StartsWith('{') || x.First == x.Second))
            .OrderByDescending(t => t.Parts.Count(s => !s.StartsWith('{')))
            .Select(t => t.Key).FirstOrDefault();
    }

    void Check(JsonNode? value, JsonNode schema, string at, List<string> problems)
    {
        if (schema["$ref"] is { } reference)
        {
            Check(value, schemas[((string)reference!).Split('/')[^1]]!, at, problems);
            return;
        }
        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray choices)
        {
            if (!choices.Any(c => { var p = new List<string>(); Check(value, c!, at, p); return p.Count == 0; }))
                problems.Add($"{at}: {Kind(value)} matches none of its schemas");
            return;
        }
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray many ? many.Select(t => (string)t!).ToList() : [(string)type!];
            var kind = Kind(value);
            if (!allowed.Contains(kind) && !(kind == "integer" && allowed.Contains("number")))
            {
                problems.Add($"{at}: {kind}, declared {string.Join("|", allowed)}");
                return;
            }
        }
        if (value is JsonObject o && schema["properties"] is JsonObject properties)
            foreach (var (name, child) in o)
                if (properties[name] is { } declared) Check(child, declared, $"{at}.{name}", problems);
                else problems.Add($"{at}.{name}: not declared");
        if (value is JsonArray a && schema["items"] is { } items)
            for (var i = 0; i < a.Count; i++) Check(a[i], items, $"{at}[{i}]", problems);
    }

    static string Kind(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.ToJsonString().Contains('.') || value.ToJsonString().Contains('e') ? "number" : "integer",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        _ => "object",
    };
}
