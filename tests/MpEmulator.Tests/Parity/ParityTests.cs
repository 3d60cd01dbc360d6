using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Parity;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Parity;

/// <summary>The parity table against its two sources of truth: the official OpenAPI (read here, from the shared reference
/// copy, never from the repository) and the emulator's own route table.</summary>
public sealed class ParityTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static readonly string[] Verbs = ["get", "post", "put", "delete", "patch"];

    /// <summary>(METHOD, path template) of every operation of <c>spec3.json</c>, in the spec's order.</summary>
    static List<(string Method, string Path)> SpecOperations()
    {
        Skip.If(OfficialSpec.Json is null, OfficialSpec.Missing);
        return OfficialSpec.Json!["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(o => Verbs.Contains(o.Key)).Select(o => (o.Key.ToUpperInvariant(), p.Key)))
            .ToList();
    }

    /// <summary>Every public API route the emulator serves, as (METHOD, path with parameters as <c>{}</c>).</summary>
    HashSet<(string Method, string Shape)> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, Shape(e.RoutePattern))))
            .ToHashSet();

    static string Shape(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(s =>
        s.Parts is [RoutePatternLiteralPart literal] ? literal.Content : "{}"));

    static string Shape(string template) => Shape(RoutePatternFactory.Parse(template));

    [SkippableFact]
    public void The_table_lists_exactly_the_operations_of_the_official_openapi_in_its_order()
    {
        Assert.Equal(SpecOperations(), ParityTable.Rows.Select(r => (r.Method, r.Path)).ToList());
    }

    [Fact]
    public void What_the_table_marks_emulated_is_routed_and_what_it_marks_not_emulated_is_not()
    {
        var routes = Routes();
        var wrong = ParityTable.Rows
            .Where(r => routes.Contains((r.Method, Shape(r.Path))) == (r.Coverage == Coverage.NotEmulated))
            .Select(r => $"{r.Method} {r.Path} is marked {r.Coverage}").ToList();
        Assert.Empty(wrong);
        Assert.All(ParityTable.Rows.Where(r => r.Coverage == Coverage.Partly), r => Assert.False(string.IsNullOrWhiteSpace(r.Missing)));
    }

    [Theory]
    [InlineData("GET", "/merchant_orders/123", "GET /merchant_orders/{id}")]
    [InlineData("POST", "/v1/advanced_payments", "POST /v1/advanced_payments")]
    [InlineData("GET", "/preapproval/2c938084", "GET /preapproval/{id}")]
    [InlineData("PUT", "/v1/payments/123/cancellations", "PUT /v1/payments/{id}/cancellations")]
    [InlineData("POST", "/checkout/preferences", "POST /checkout/preferences")]
    public async Task A_real_mercado_pago_route_not_emulated_is_501_naming_it(string method, string path, string named)
    {
        var reply = await app.Seller().Send(new HttpMethod(method), path, method == "GET" ? null : new { });
        reply.Is((HttpStatusCode)501);
        Assert.Equal("not_implemented", (string)reply["error"]!);
        Assert.Equal(501, (int)reply["status"]!);
        Assert.Equal("not_emulated", (string)reply["cause"]![0]!["code"]!);
        Assert.StartsWith($"{named} is a Mercado Pago route the emulator does not emulate", (string)reply["message"]!);
    }

    [Theory]
    [InlineData("GET", "/v1/nothing_here")]
    [InlineData("GET", "/v1/payments/1/refunds/2/extra")]
    [InlineData("POST", "/v2/orders")]
    public async Task A_path_mercado_pago_does_not_have_stays_404(string method, string path)
    {
        var reply = await app.Seller().Send(new HttpMethod(method), path, method == "GET" ? null : new { });
        reply.Is(HttpStatusCode.NotFound);
        Assert.Equal("not_found", (string)reply["error"]!);
    }

    [Fact]
    public void The_readme_section_names_every_emulated_operation_and_the_totals()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "MpEmulator.sln"))) dir = Path.GetDirectoryName(dir)!;
        var readme = File.ReadAllText(Path.Combine(dir, "README.md"));
        var start = readme.IndexOf("### Parity with the official OpenAPI", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no parity section");
        var section = readme[start..readme.IndexOf("\n## ", start, StringComparison.Ordinal)];

        int Count(Coverage c) => ParityTable.Rows.Count(r => r.Coverage == c);
        Assert.Contains($"{ParityTable.Rows.Count} operations: {Count(Coverage.Emulated)} emulated, {Count(Coverage.Partly)} partly, "
                        + $"{Count(Coverage.NotEmulated)} not emulated.", section);
        Assert.All(ParityTable.Rows.Where(r => r.Coverage != Coverage.NotEmulated), r => Assert.Contains($"`{r.Method} {r.Path}`", section));
    }

    [Fact]
    public async Task The_admin_parity_report_is_the_table_with_its_totals()
    {
        var report = (await app.Seller().Get("/__admin/parity")).Is(HttpStatusCode.OK);

        Assert.Equal(ParityTable.Rows.Count, (int)report["operations"]!);
        var rows = report["rows"]!.AsArray();
        Assert.Equal(ParityTable.Rows.Count, rows.Count);
        foreach (var coverage in new[] { "emulated", "partly", "not_emulated" })
            Assert.Equal(rows.Count(r => (string)r!["coverage"]! == coverage), (int)report["totals"]![coverage]!);
        var payments = rows.Single(r => (string)r!["method"]! == "POST" && (string)r!["path"]! == "/v1/payments")!;
        Assert.Equal("partly", (string)payments["coverage"]!);
        Assert.False(string.IsNullOrEmpty((string?)payments["missing"]));
    }
}
