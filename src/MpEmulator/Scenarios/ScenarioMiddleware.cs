using System.Text.Json.Nodes;
using MpEmulator.CardTokens;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Scenarios;

public static class ScenarioMiddleware
{
    /// <summary>Applies scenario rules to <c>/v1</c> requests, after auth: faults answer here; payment outcomes travel to
    /// the payment endpoint as a <see cref="ForcedOutcome"/>. With no rules it costs one check.</summary>
    public static IApplicationBuilder UseScenarios(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var book = http.RequestServices.GetRequiredService<ScenarioBook>();
        if (!http.Request.Path.StartsWithSegments("/v1") || book.IsEmpty || http.GetEndpoint() is null)
        {
            await next(http);
            return;
        }
        var body = await BodyOf(http.Request);
        var seller = http.Features.Get<Seller>();
        var effect = book.Match(http.Request.Method, http.Request.Path, seller?.Id, path => Field(body, path, http, seller));
        if (effect is null)
        {
            await next(http);
            return;
        }
        if (effect.DelayMs > 0) // on the emulator's clock, so a test's fake clock decides when the delay is over
            await Task.Delay(TimeSpan.FromMilliseconds(effect.DelayMs), http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted);
        if (effect.DropConnection)
        {
            http.Abort();
            return;
        }
        if (effect.Error is { } error)
        {
            await new MpErrorResult(error).ExecuteAsync(http);
            return;
        }
        if (effect.HttpStatus is { } status)
        {
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(effect.Body ?? Fault(status).ToJson());
            return;
        }
        if (effect.Outcome is { } outcome) http.Features.Set(outcome);
        await next(http);
    });

    static MpError Fault(int status) => status switch
    {
        503 => new(503, "service_unavailable", "Service Unavailable", null, null),
        502 => new(502, "bad_gateway", "Bad Gateway", null, null),
        504 => new(504, "gateway_timeout", "Gateway Timeout", null, null),
        429 => new(429, "too_many_requests", "Too Many Requests", null, null),
        >= 500 => MpErrors.Internal with { Status = status },
        _ => new(status, "bad_request", "Request failed", null, null),
    };

    static async Task<JsonObject?> BodyOf(HttpRequest request)
    {
        if (request.ContentLength is null or 0 or > JsonBody.MaxBytes) return null;
        request.EnableBuffering();
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>A request field by dotted path; <c>cardholder.name</c> also looks through the card token of the payment
    /// (or of an order's payment, <c>transactions.payments[0].payment_method.token</c>).</summary>
    static string? Field(JsonObject? body, string path, HttpContext http, Seller? seller)
    {
        JsonNode? node = body;
        foreach (var part in path.Split('.')) node = node is JsonObject o ? o[part] : null;
        if (node is JsonValue v) return v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
        var tokenField = body?["token"] ?? body?["transactions"]?["payments"]?[0]?["payment_method"]?["token"];
        if (path == "cardholder.name" && seller is not null && tokenField is JsonValue t && t.TryGetValue(out string? token))
            return http.RequestServices.GetRequiredService<Store>().For(seller).UsableToken(token)?.Cardholder.Name;
        return null;
    }
}
