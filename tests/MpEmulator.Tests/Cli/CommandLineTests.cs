using MpEmulator.Cli;
using MpEmulator.Infrastructure;

namespace MpEmulator.Tests.Cli;

public sealed class CommandLineTests
{
    static readonly string Root = FindRoot();

    static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "MpEmulator.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    /// <summary>Runs the command line with a server that only records the arguments it was given.</summary>
    static async Task<(int Code, string Output, string Error, string[]? Served)> Run(params string[] args)
    {
        string[]? served = null;
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await EmulatorCommand.RunAsync(args, a => { served = a; return Task.FromResult(0); }, output, error);
        return (code, output.ToString(), error.ToString(), served);
    }

    [Fact]
    public async Task Help_lists_every_switch_with_its_default_and_examples_and_starts_nothing()
    {
        var (code, output, _, served) = await Run("--help");
        Assert.Equal(0, code);
        Assert.Null(served);
        foreach (var name in new[] { "--port", "--urls", "--db", "--in-memory", "--seed", "--site", "--strict-tokens", "--fixtures", "--generate", "export", "import" })
            Assert.Contains(name, output);
        Assert.Contains("[default: 8080]", output);
        Assert.Contains("[default: data/mpemulator.db]", output);
        Assert.Contains("mpemulator --port 0 --in-memory", output);
        Assert.DoesNotContain("additional arguments", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("--prot", "--port")]
    [InlineData("--in-memroy", "--in-memory")]
    [InlineData("--FeeRat=0.1", "--FeeRate")]
    [InlineData("expot", "export")]
    [InlineData("--Webhook:Url=x", "--Webhooks")]
    public async Task An_unknown_switch_exits_2_naming_the_nearest_one(string typed, string nearest)
    {
        var (code, _, error, served) = await Run(typed, "0");
        Assert.Equal(EmulatorCommand.Misuse, code);
        Assert.Null(served);
        Assert.Contains($"Did you mean {nearest}?", error);
    }

    [Fact]
    public async Task A_switch_of_the_wrong_type_exits_2()
    {
        var (code, _, error, _) = await Run("--port", "eighty");
        Assert.Equal(EmulatorCommand.Misuse, code);
        Assert.Contains("eighty", error);
    }

    [Theory]
    [InlineData("--port", "0", "--in-memory")]
    [InlineData("--in-memory", "--seed", "42", "--site", "MLA", "--strict-tokens", "--generate", "10")]
    [InlineData("--urls", "http://0.0.0.0:0", "--db", "/data/x.db", "--fixtures", "/fixtures")]
    [InlineData("--FeeRate=0.05", "--RequireIdempotencyKey", "false", "--Webhooks:Url=http://127.0.0.1:3000/hooks", "--AdminHosts:0", "devbox.lan")]
    [InlineData("--environment=Development", "--Webhooks=", "--Webhooks:Retries=1200h")]
    public async Task Switches_and_settings_reach_the_server_as_they_were_typed(params string[] args)
    {
        var (code, _, error, served) = await Run(args);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(args, served);
    }

    [Fact]
    public async Task Import_then_export_work_on_a_database_file_without_a_server()
    {
        var dir = Directory.CreateTempSubdirectory("mpemu-cli-");
        try
        {
            var db = Path.Combine(dir.FullName, "state.db");
            var (exported, again) = (Path.Combine(dir.FullName, "a.json"), Path.Combine(dir.FullName, "b.json"));
            Assert.Equal(0, (await Run("import", Path.Combine(Root, "fixtures", "default.json"), "--db", db)).Code);
            Assert.Equal(0, (await Run("export", "--db", db, "--out", exported)).Code);
            Assert.Contains("\"status\": \"charged_back\"", File.ReadAllText(exported));

            var copy = Path.Combine(dir.FullName, "copy.db");
            Assert.Equal(0, (await Run("import", exported, "--db", copy)).Code);
            Assert.Equal(0, (await Run("export", "--db", copy, "--out", again, "--seller", "424242424")).Code);
            Assert.Equal(Body(exported), Body(again));

            using (DatabaseFile.Claim(db))
                Assert.Equal(1, (await Run("export", "--db", db, "--out", again)).Code);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_progress_line_tells_the_count_the_rate_and_the_time_left() =>
        Assert.Equal("generate: 250,000/1,000,000 payments (25%), 25,000/s, 30 s left",
            ProgressLine.Line("generate", "payments", 250_000, 1_000_000, TimeSpan.FromSeconds(10)));

    /// <summary>An export without its first lines (the schema and the time of the export).</summary>
    static string Body(string path) => string.Join('\n', File.ReadAllLines(path).Skip(3));
}
