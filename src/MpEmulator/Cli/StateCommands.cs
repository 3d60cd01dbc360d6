using System.Text.Json;
using System.Text.Json.Nodes;
using MpEmulator.Fixtures;
using MpEmulator.Infrastructure;

namespace MpEmulator.Cli;

/// <summary><c>mpemulator export</c> and <c>import</c>: the emulator built around a database file but never started,
/// so nothing listens and no background work runs. The file's claim keeps them off a database a server is using.</summary>
public static class StateCommands
{
    public static async Task<int> ExportAsync(string[] args, string? seller, FileInfo? output)
    {
        await using var app = EmulatorHost.Build(args, Quiet);
        if (await OpenAsync(app) is { } failed) return failed;
        var fixture = app.Services.GetRequiredService<FixtureExport>().Export(seller);
        var text = fixture.ToJsonString(new JsonSerializerOptions { WriteIndented = true, MaxDepth = JsonBody.WriteDepth, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine;
        if (output is null) await Console.Out.WriteAsync(text);
        else await File.WriteAllTextAsync(output.FullName, text);
        Console.Error.WriteLine($"Exported {Count(fixture, "sellers")} sellers, {Count(fixture, "customers")} customers, " +
                                $"{Count(fixture, "payments")} payments, {Count(fixture, "rules")} rules from {app.Services.GetRequiredService<Store>().Location}");
        return 0;
    }

    public static async Task<int> ImportAsync(string[] args, FileInfo file)
    {
        await using var app = EmulatorHost.Build(args, Quiet);
        if (await OpenAsync(app) is { } failed) return failed;
        JsonObject fixture;
        try
        {
            fixture = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            Console.Error.WriteLine($"Cannot read the fixture {file.FullName}: {e.Message}");
            return EmulatorCommand.Misuse;
        }
        try
        {
            var summary = app.Services.GetRequiredService<FixtureLoader>().Load(fixture, Console.Out);
            Console.WriteLine($"Imported {file.Name} into {app.Services.GetRequiredService<Store>().Location}: {summary}");
            return 0;
        }
        catch (FixtureInvalid e)
        {
            Console.Error.WriteLine($"The fixture {file.FullName} is invalid; nothing was loaded:");
            foreach (var problem in e.Problems) Console.Error.WriteLine($"  {problem.Path}: {problem.Message}");
            return EmulatorCommand.Misuse;
        }
    }

    /// <summary>Waits for the database; on failure prints why and answers the exit code.</summary>
    public static async Task<int?> OpenAsync(WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<Store>().Opened;
            return null;
        }
        catch (Exception e)
        {
            var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmulatorOptions>>().Value;
            Console.Error.WriteLine(e is DatabaseFileRefused ? e.Message : $"Cannot open the database {options.Db}: {e.Message}");
            return 1;
        }
    }

    static void Quiet(WebApplicationBuilder builder) => builder.Logging.SetMinimumLevel(LogLevel.Warning);

    static int Count(JsonObject fixture, string key) => (fixture[key] as JsonArray)?.Count ?? 0;
}
