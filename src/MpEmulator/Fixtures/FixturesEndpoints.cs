using System.Text.Json.Nodes;
using MpEmulator.Fixtures;
using MpEmulator.Infrastructure;
using MpEmulator.Scenarios;

namespace MpEmulator.Fixtures;

/// <summary><c>/__admin/fixtures</c>, <c>/__admin/export</c>, <c>/__admin/rules</c> and <c>/__admin/generate</c>.</summary>
public static class FixturesEndpoints
{
    public static RouteGroupBuilder MapFixtures(this RouteGroupBuilder admin)
    {
        admin.MapPost("/fixtures", Load);
        admin.MapGet("/export", (string? seller, FixtureExport export) => TypedResults.Ok(export.Export(seller)));
        admin.MapGet("/rules", (ScenarioBook book) => TypedResults.Ok(book.All));
        admin.MapPost("/rules", AddRules);
        admin.MapDelete("/rules/{id}", RemoveRule);
        admin.MapDelete("/rules", (ScenarioBook book) => { book.Clear(); return TypedResults.NoContent(); });
        admin.MapPost("/generate", Generate);
        return admin;
    }

    /// <summary>Every problem of an invalid fixture, each as a cause with its JSON path.</summary>
    public static MpErrorResult Invalid(IReadOnlyList<FixtureProblem> problems) => new(new MpError(400, "bad_request",
        $"The fixture has {problems.Count} problem(s); nothing was loaded", null, null), problems);

    static async Task<IResult> Load(HttpRequest request, FixtureLoader loader)
    {
        var fixture = await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson);
        try
        {
            return TypedResults.Created("/__admin/state", loader.Load(fixture));
        }
        catch (FixtureInvalid e)
        {
            return Invalid(e.Problems);
        }
    }

    /// <summary>One rule object, or an array of them, as in a fixture's <c>rules</c>.</summary>
    static async Task<IResult> AddRules(HttpRequest request, ScenarioBook book, Ids ids, Store store)
    {
        var body = await JsonBody.ReadAsync(request, MpErrors.MalformedJson) switch
        {
            JsonArray a => a,
            JsonObject { Count: > 0 } o => new JsonArray(o.DeepClone()),
            _ => throw MpErrors.MalformedJson.Exception(),
        };
        var problems = new List<FixtureProblem>();
        var rules = body.Select((node, i) => node is JsonObject o
                ? CompiledRule.Compile(ScenarioBook.Read(o, $"$[{i}]", ids, problems), $"$[{i}]", problems)
                : null)
            .OfType<CompiledRule>().ToList();
        if (problems.Count > 0) return Invalid(problems);
        store.Write(() => { book.Add(rules); return 0; });
        return TypedResults.Created("/__admin/rules", rules.Select(r => r.Rule).ToList());
    }

    static IResult RemoveRule(string id, ScenarioBook book) =>
        book.Remove(id) ? TypedResults.NoContent() : new MpErrorResult(new MpError(404, "not_found", $"Rule {id} not found", null, null));

    static async Task<Created<GenerationSummary>> Generate(HttpRequest request, Generator generator)
    {
        var body = new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson));
        var invalid = PaymentErrors.ParamsError.WithMessage("seller must be a token; customers and payments non-negative integers");
        var customers = body.Int("customers", invalid) ?? 10;
        var payments = body.Int("payments", invalid) ?? 100;
        if (customers is < 0 or > 1_000_000 || payments is < 0 or > 1_000_000) throw invalid.Exception();
        return TypedResults.Created("/__admin/state", generator.Generate(body.String("seller", invalid) ?? Generator.DemoToken, customers, payments));
    }
}
