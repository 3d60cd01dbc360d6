using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Docs;

public sealed class OpenApiTests(EmulatorApp app) : IClassFixture<EmulatorApp>
{
    static readonly string[] Documented = ["/v1", "/health", "/__admin"];

    [Fact]
    public async Task Every_mapped_route_is_in_the_document_with_its_method()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: PathOf(e.RoutePattern), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(r => Documented.Any(prefix => r.Path == prefix || r.Path.StartsWith(prefix + "/")))
            .SelectMany(r => r.Methods.Select(m => $"{m.ToLowerInvariant()} {r.Path}"))
            .ToList();
        var paths = (await Document())["paths"]!.AsObject();
        var documented = paths.SelectMany(p => p.Value!.AsObject().Select(op => $"{op.Key} {p.Key}")).ToHashSet();

        Assert.Contains("get /v1/payment_methods/installments", routes);
        Assert.Contains("get /health", routes);
        Assert.All(routes, route => Assert.Contains(route, documented));
    }

    [Fact]
    public async Task Schemas_use_mercado_pago_snake_case_and_errors_the_mp_envelope()
    {
        var doc = await Document();
        var payment = doc["components"]!["schemas"]!["Payment"]!["properties"]!.AsObject();
        Assert.Contains("transaction_amount", payment.Select(p => p.Key));
        Assert.Contains("date_approved", payment.Select(p => p.Key));
        Assert.DoesNotContain(payment, p => p.Key.Any(char.IsUpper));

        var create = doc["paths"]!["/v1/payments"]!["post"]!;
        Assert.Equal("#/components/schemas/PaymentRequest", (string)create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("#/components/schemas/Payment", (string)create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        var notFound = create["responses"]!["404"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/ErrorEnvelope", (string)notFound["schema"]!["$ref"]!);
        Assert.Equal(2000, (int)notFound["example"]!["cause"]![0]!["code"]!);
        var orderNotFound = doc["paths"]!["/v1/orders/{id}"]!["get"]!["responses"]!["404"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/OrderErrorEnvelope", (string)orderNotFound["schema"]!["$ref"]!);
        Assert.Equal("order_not_found", (string?)orderNotFound["example"]!["errors"]![0]!["code"]);
    }

    [Fact]
    public async Task Every_post_and_put_describes_its_body_and_every_admin_body_has_an_example()
    {
        string[] bodiless = ["post /__admin/webhooks/{id}/replay"];
        var paths = (await Document())["paths"]!.AsObject();
        var writes = paths.SelectMany(p => p.Value!.AsObject().Where(op => op.Key is "post" or "put").Select(op => (Name: $"{op.Key} {p.Key}", Op: op.Value!)))
            .Where(w => !bodiless.Contains(w.Name)).ToList();
        Assert.Contains(writes, w => w.Name == "post /__admin/clock/advance");
        Assert.All(writes, w => Assert.True(w.Op["requestBody"] is not null, $"{w.Name} has no request body"));
        Assert.All(writes.Where(w => w.Name.Contains("/__admin")), w =>
            Assert.True(w.Op["requestBody"]!["content"]!["application/json"]!["example"] is not null, $"{w.Name} has no example"));
        var advance = paths["/__admin/clock/advance"]!["post"]!;
        Assert.Equal("#/components/schemas/ClockAdvanceBody", (string)advance["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("admin_key", advance["security"]![0]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task The_docs_page_is_served_with_its_script_from_the_emulator_itself()
    {
        var page = await app.CreateClient().GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("src=\"scalar.js\"", html);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/docs/scalar.js")).StatusCode);
    }

    async Task<JsonNode> Document() => JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;

    /// <summary><c>/v1/payments/{id:long}/</c> as OpenAPI writes it: <c>/v1/payments/{id}</c>.</summary>
    static string PathOf(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => "",
        }))));
}
