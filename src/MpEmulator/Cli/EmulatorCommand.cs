using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using MpEmulator.Infrastructure;

namespace MpEmulator.Cli;

/// <summary>The <c>mpemulator</c> command line: the switches of a run (given to <see cref="EmulatorHost"/> as they were
/// typed, so appsettings.json and <c>MPEMU_</c> variables keep working), <c>export</c> and <c>import</c>. Anything it
/// does not know is refused with exit code 2, naming the nearest switch it does know; configuration keys
/// (<c>--FeeRate=0.05</c>, <c>--Webhooks:Url=...</c>) pass through.</summary>
public static class EmulatorCommand
{
    public const int Misuse = 2;

    static readonly Option<int> Port = new("--port") { Description = "Port on 127.0.0.1; 0 picks a free one (the URL is printed)", DefaultValueFactory = _ => 8080, HelpName = "N" };
    static readonly Option<string> Urls = new("--urls") { Description = "ASP.NET listen URLs, instead of --port (e.g. http://0.0.0.0:8080)", HelpName = "URL" };
    static readonly Option<string> Db = new("--db") { Description = "LiteDB file, created if missing", DefaultValueFactory = _ => "data/mpemulator.db", HelpName = "PATH" };
    static readonly Option<bool> InMemory = new("--in-memory") { Description = "Keep everything in memory only, nothing written anywhere" };
    static readonly Option<int?> Seed = new("--seed") { Description = "Makes every generated id and value reproducible [default: random]", HelpName = "N" };
    static readonly Option<string> Site = new("--site") { Description = $"Site of sellers not otherwise configured: {string.Join(", ", Catalog.Catalogs.Sites)}", DefaultValueFactory = _ => "MLB", HelpName = "SITE" };
    static readonly Option<bool> StrictTokens = new("--strict-tokens") { Description = "Accept only sellers registered in configuration or by a fixture" };
    static readonly Option<string> Fixtures = new("--fixtures") { Description = "A fixture file, or a folder of them, loaded at start-up and after a full reset", HelpName = "PATH" };
    static readonly Option<int> Generate = new("--generate") { Description = "Generate N payments (and N/10 customers) for the demo seller at start-up, once per database", DefaultValueFactory = _ => 0, HelpName = "N" };

    static readonly Option<string> ExportSeller = new("--seller") { Description = "Only this seller's data (access token or user id) [default: every seller]", HelpName = "TOKEN" };
    static readonly Option<string> StateDb = new("--db") { Description = "The database file", DefaultValueFactory = _ => "data/mpemulator.db", HelpName = "PATH" };
    static readonly Option<FileInfo> ExportOut = new("--out", "-o") { Description = "Write the fixture to this file [default: standard output]", HelpName = "FILE" };
    static readonly Argument<FileInfo> ImportFile = new("FILE") { Description = "A fixture file (the format GET /__admin/export answers)" };

    /// <summary>Setting names accepted as <c>--Name=value</c> or <c>--Name value</c> besides the switches above:
    /// every emulator setting, ASP.NET's own, and sections whose keys are nested (<c>--Webhooks:Url=...</c>).</summary>
    static readonly string[] Settings =
    [
        .. typeof(EmulatorOptions).GetProperties().Select(p => p.Name), "urls", "environment", "contentRoot", "applicationName",
    ];
    static readonly string[] Sections = ["Webhooks", "Sellers", "AdminHosts", "Logging", "Kestrel"];

    /// <summary>The command tree; <paramref name="serve"/> runs the server when no subcommand is named.</summary>
    public static RootCommand Build(Func<Task<int>> serve, TextWriter error)
    {
        var root = new RootCommand(
            """
            MpEmulator: a local emulator of the Mercado Pago REST API.
            Any setting can also go in appsettings.json, an MPEMU_ environment variable (MPEMU_PORT=9000) or a
            --Name=value switch (--FeeRate=0.05, --AdminKey=secret, --Webhooks:Url=http://127.0.0.1:3000/hooks).

            Examples:
              mpemulator --port 0 --in-memory
              mpemulator --db data/shop.db --fixtures fixtures/default.json --seed 42
              mpemulator export --seller TEST-...-123456789 --db data/shop.db > state.json
              mpemulator import state.json --db data/other.db
            """) { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in new Option[] { Port, Urls, Db, InMemory, Seed, Site, StrictTokens, Fixtures, Generate }) root.Add(option);
        root.SetAction((result, _) => PassThroughProblem(result) is { } problem ? Task.FromResult(Refuse(problem, error)) : serve());

        var export = new Command("export", "Write the database's state as a fixture file, without starting the server") { ExportSeller, StateDb, ExportOut };
        export.SetAction((result, _) => StateCommands.ExportAsync(DbArguments(result), result.GetValue(ExportSeller), result.GetValue(ExportOut)));
        var import = new Command("import", "Load a fixture file into the database, without starting the server") { ImportFile, StateDb };
        import.SetAction((result, _) => StateCommands.ImportAsync(DbArguments(result), result.GetValue(ImportFile)!));
        root.Add(export);
        root.Add(import);
        return root;
    }

    /// <summary>Runs what the arguments ask for and answers the exit code; help and refusals go to the writers given
    /// (the console by default).</summary>
    public static async Task<int> RunAsync(string[] args, Func<string[], Task<int>> serve, TextWriter? output = null, TextWriter? error = null)
    {
        error ??= Console.Error;
        var result = Build(() => serve(args), error).Parse(args);
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
            return Refuse([.. result.Errors.Select(e => e.Message), .. Suggestion(result.UnmatchedTokens.FirstOrDefault() ?? "", result)], error);
        output ??= Console.Out;
        if (result.Action is not HelpAction) return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        var help = new StringWriter();
        var code = await result.InvokeAsync(new InvocationConfiguration { Output = help, Error = error });
        await output.WriteAsync(AsSettings(help.ToString()));
        return code;
    }

    /// <summary>The help text with tokens left over shown as what they are here, settings (the description says so),
    /// rather than "additional arguments" for another program.</summary>
    static string AsSettings(string help)
    {
        var start = help.IndexOf("Additional Arguments:", StringComparison.Ordinal);
        if (start >= 0) help = help[..start].TrimEnd() + Environment.NewLine + Environment.NewLine;
        return help.Replace("[[--] <additional arguments>...]]", "[--Name=value...]");
    }

    /// <summary>A state command's host arguments: its <c>--db</c> when typed, else the configured one.</summary>
    static string[] DbArguments(ParseResult result) =>
        result.GetResult(StateDb) is { Implicit: false } ? ["--db", result.GetValue(StateDb)!] : [];

    /// <summary>Tokens the run's switches did not take must be settings with their values.</summary>
    static string[]? PassThroughProblem(ParseResult result)
    {
        var tokens = result.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var name = token.StartsWith("--") ? token[2..].Split('=', 2)[0] : null;
            if (name is null || !IsSetting(name))
                return [$"Unrecognized switch or argument '{token}'.", .. Suggestion(token, result)];
            if (!token.Contains('=') && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-')) i++;
        }
        return null;
    }

    /// <summary>A bare section (<c>--Webhooks=</c>) is a setting too: WebApplicationFactory passes every key of its
    /// configuration, parents included, as <c>--key=value</c>.</summary>
    static bool IsSetting(string name) =>
        Settings.Contains(name, StringComparer.OrdinalIgnoreCase) || Sections.Contains(name.Split(':')[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>"Did you mean --port?" for the switch, setting or command nearest to what was typed.</summary>
    static IEnumerable<string> Suggestion(string typed, ParseResult result)
    {
        var word = typed.TrimStart('-').Split('=', ':')[0];
        if (word.Length == 0) yield break;
        var command = result.CommandResult.Command;
        var candidates = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--"))
            .Concat(command is RootCommand ? Settings.Concat(Sections).Select(s => "--" + s).Concat(command.Subcommands.Select(c => c.Name)) : []);
        var nearest = candidates.MinBy(c => Distance(word.ToLowerInvariant(), c.TrimStart('-').ToLowerInvariant()));
        if (nearest is not null) yield return $"Did you mean {nearest}?";
    }

    static int Refuse(string[] problems, TextWriter error)
    {
        foreach (var problem in problems) error.WriteLine(problem);
        error.WriteLine("Run mpemulator --help for every switch.");
        return Misuse;
    }

    /// <summary>Levenshtein distance: the edits between what was typed and a known name.</summary>
    internal static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
