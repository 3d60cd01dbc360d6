using System.Text.Json.Nodes;

namespace MpEmulator.Tests.Support;

/// <summary>Mercado Pago's official OpenAPI, the test oracle: <c>MP_OPENAPI_SPEC</c>, or <c>shared/reference/mp-openapi/spec3.json</c>
/// in a folder above the tests (the shared reference beside the repository). Read when the tests run, never copied into
/// the repository; where it is not on the machine, the checks against it are skipped and say so.</summary>
public static class OfficialSpec
{
    public static readonly string? File = Locate();

    static readonly Lazy<JsonNode?> Document = new(() => File is null ? null : JsonNode.Parse(System.IO.File.ReadAllText(File)));

    public static JsonNode? Json => Document.Value;

    public const string Missing = "the official OpenAPI (shared/reference/mp-openapi/spec3.json, or MP_OPENAPI_SPEC) is not on this machine";

    static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("MP_OPENAPI_SPEC") is { Length: > 0 } file && System.IO.File.Exists(file)) return file;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "mp-openapi", "spec3.json");
            if (System.IO.File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
