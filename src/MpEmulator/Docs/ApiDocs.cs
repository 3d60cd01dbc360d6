using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MpEmulator.Infrastructure;
using Scalar.AspNetCore;

namespace MpEmulator.Docs;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> (built on first request, not at start-up) and the
/// interactive reference at <c>/docs</c> (Scalar, served from the package itself: no CDN, fonts or telemetry).</summary>
public static class ApiDocs
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MpEmulator: the Mercado Pago REST API, locally",
                    Version = typeof(ApiDocs).Assembly.GetName().Version?.ToString(3),
                    Description = "Mercado Pago's paths, snake_case JSON, status codes and error envelope. Any bearer token is a seller; "
                                  + "browser-side routes also take ?public_key=.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["access_token"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer" },
                    ["public_key"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "public_key" },
                    ["admin_key"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Admin-Key",
                        Description = "Only when the AdminKey setting is set.",
                    },
                };
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                // Dates go out through the emulator's own converter, which hides their type from the generator.
                var type = context.JsonTypeInfo.Type;
                if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset))
                    (schema.Type, schema.Format) = (type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null, "date-time");
                // An object property declared nullable (three_ds_info, barcode) is sent as null: say so.
                if (schema.Type == JsonSchemaType.Object && context.JsonPropertyInfo?.AttributeProvider is System.Reflection.PropertyInfo property
                    && new System.Reflection.NullabilityInfoContext().Create(property).ReadState == System.Reflection.NullabilityState.Nullable)
                    schema.Type = JsonSchemaType.Object | JsonSchemaType.Null;
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(Describe);
        });

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o =>
        {
            o.Title = "MpEmulator API reference";
            o.DefaultFonts = false;
            o.Telemetry = false;
            o.Agent = new ScalarAgentOptions { Disabled = true };
            o.Mcp = new ScalarMcpOptions { Disabled = true };
            o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
        });
        return app;
    }

    static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(context.Description.RelativePath?.TrimEnd('/') ?? "", @"\{(\w+):[^}]+\}", "{$1}");
        var key = $"{context.Description.HttpMethod} {path}";
        if (!path.StartsWith("v1/") && !path.StartsWith("__admin/") && path != "__admin") return;

        if (WireShapes.Bodies.TryGetValue(key, out var body))
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = key.StartsWith("POST v1/payments") || key == "POST v1/customers" || key.StartsWith("POST __admin"),
                Content = Json(await Schema(context, body, ct),
                    WireShapes.Examples.TryGetValue(key, out var example) ? JsonNode.Parse(example) : null),
            };
        operation.Responses ??= [];
        if (WireShapes.Created.TryGetValue(key, out var created))
        {
            operation.Responses.Remove("200");
            operation.Responses["201"] = new OpenApiResponse { Description = "Created", Content = Json(await Schema(context, created, ct)) };
        }
        foreach (var name in WireShapes.Queries.GetValueOrDefault(key) ?? [])
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name.TrimStart('*'), In = ParameterLocation.Query, Required = name.StartsWith('*'),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (!path.StartsWith("v1/"))
        {
            operation.Security = [Requirement("admin_key", context)];
            return;
        }
        var envelope = await Schema(context, typeof(ErrorEnvelope), ct);
        if (path.StartsWith("v1/orders"))
        {
            var orderEnvelope = await Schema(context, typeof(OrderErrorEnvelope), ct);
            foreach (var (status, error, example) in OrderErrors)
                operation.Responses.TryAdd(status, new OpenApiResponse { Description = error, Content = Json(orderEnvelope, JsonNode.Parse(example)) });
        }
        foreach (var (status, error, example) in Errors)
            operation.Responses.TryAdd(status, new OpenApiResponse { Description = error, Content = Json(envelope, JsonNode.Parse(example)) });
        operation.Security = [Requirement("access_token", context)];
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<PublicKeyAllowed>().Any())
            operation.Security.Add(Requirement("public_key", context));
    }

    static readonly (string Status, string Error, string Example)[] Errors =
    [
        ("400", "bad_request", """{"message":"Card Token not found","error":"bad_request","status":400,"cause":[{"code":2006,"description":"Card Token not found","data":null}]}"""),
        ("401", "unauthorized", """{"message":"Must provide your access_token to proceed","error":"unauthorized","status":401,"cause":[{"code":5,"description":"Must provide your access_token to proceed","data":null}]}"""),
        ("404", "not_found", """{"message":"Payment not found","error":"not_found","status":404,"cause":[{"code":2000,"description":"Payment not found","data":null}]}"""),
    ];

    /// <summary>The Orders API answers its own errors in its own shape (auth failures keep the envelope above).</summary>
    static readonly (string Status, string Error, string Example)[] OrderErrors =
    [
        ("400", "property_value", """{"errors":[{"code":"property_value","message":"A property has an invalid value.","details":["total_amount has an invalid value"]}]}"""),
        ("404", "order_not_found", """{"errors":[{"code":"order_not_found","message":"Order not found.","details":[]}]}"""),
        ("409", "idempotency_key_already_used, cannot_capture_order, ...", """{"errors":[{"code":"cannot_capture_order","message":"The order cannot be captured.","details":[]}]}"""),
    ];

    static OpenApiSecurityRequirement Requirement(string scheme, OpenApiOperationTransformerContext context) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] };

    /// <summary>The type's schema as a named component, so the document lists each shape once.</summary>
    static async Task<IOpenApiSchema> Schema(OpenApiOperationTransformerContext context, Type type, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, ct));
        return new OpenApiSchemaReference(type.Name, document);
    }

    static Dictionary<string, OpenApiMediaType> Json(IOpenApiSchema schema, JsonNode? example = null) =>
        new() { ["application/json"] = new OpenApiMediaType { Schema = schema, Example = example } };
}
