using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using MpEmulator.Docs;

namespace MpEmulator.Infrastructure;

/// <summary><c>--strict</c>: a <c>/v1</c> write naming a field its route does not take (by the body shape the OpenAPI
/// document gives it) is refused instead of ignored: code 8 on refunds, as Mercado Pago refuses unknown names on
/// payments; <c>"125"</c> ("invalid parameters") on customers, cards, addresses and card tokens, where MP's behaviour is
/// unverified. Payments and orders refuse unknown names with or without it.</summary>
public static class StrictRequests
{
    public static IApplicationBuilder UseStrictRequests(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var route = http.RequestServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.Strict
                    && (HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPut(http.Request.Method))
                    && http.Request.Path.StartsWithSegments("/v1") && http.GetEndpoint() is RouteEndpoint endpoint
            ? $"{http.Request.Method} {Route(endpoint.RoutePattern)}"
            : null;
        if (route is null || !WireShapes.Bodies.TryGetValue(route, out var shape)
            || shape == typeof(Payments.PaymentRequest) || shape == typeof(Payments.PaymentUpdate)
            || shape == typeof(JsonObject)) // a shape declaring no fields (the Orders API's): its handler refuses unknown names
        {
            await next(http);
            return;
        }
        http.Request.EnableBuffering();
        JsonNode? body;
        try { body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted); }
        catch (JsonException) { body = null; } // malformed: the handler answers it
        http.Request.Body.Position = 0;
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (body is JsonObject o && Unknown(o, json.GetTypeInfo(shape), "").Except(Ignored.GetValueOrDefault(route) ?? []).ToList() is { Count: > 0 } unknown)
        {
            var error = http.Request.Path.StartsWithSegments("/v1/payments")
                ? PaymentErrors.Unknown(unknown)
                : MpErrors.InvalidParameters.WithMessage($"invalid parameters: unknown [{string.Join(", ", unknown)}]");
            await new MpErrorResult(error).ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    /// <summary>Fields the official SDKs send that Mercado Pago takes and the emulator accepts without keeping.</summary>
    static readonly Dictionary<string, string[]> Ignored = new()
    {
        ["POST v1/customers"] = ["address.city"], // the Node SDK's own e2e customer
        ["PUT v1/customers/{id}"] = ["address.city"],
    };

    /// <summary><c>v1/customers/{customerId}/cards</c>: the route as <see cref="WireShapes"/> names it.</summary>
    static string Route(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart a => $"{{{a.Name}}}",
            _ => "",
        }))));

    /// <summary>The paths of fields the shape does not have, nested ones as <c>payer.test</c>; free-form objects
    /// (metadata) take anything.</summary>
    static List<string> Unknown(JsonObject body, JsonTypeInfo shape, string prefix)
    {
        var unknown = new List<string>();
        foreach (var (name, value) in body)
        {
            var property = shape.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null) unknown.Add(prefix + name);
            else if (value is JsonObject child && Nested(shape, property.PropertyType) is { } inner)
                unknown.AddRange(Unknown(child, inner, $"{prefix}{name}."));
        }
        return unknown;
    }

    static JsonTypeInfo? Nested(JsonTypeInfo parent, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(JsonNode).IsAssignableFrom(type)) return null;
        var info = parent.Options.GetTypeInfo(type);
        return info.Kind == JsonTypeInfoKind.Object && info.Properties.Count > 0 ? info : null;
    }
}
