namespace MpEmulator.Infrastructure;

/// <summary>What every response of the real API carries, and how every failure becomes Mercado Pago's envelope.</summary>
public static class HttpManners
{
    public static IApplicationBuilder UseMpManners(this IApplicationBuilder app)
    {
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("MpEmulator.Errors");
        app.Use(async (http, next) =>
        {
            http.Response.Headers["x-request-id"] = Guid.NewGuid().ToString();
            http.Response.OnStarting(() =>
            {
                if (http.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
                    http.Response.ContentType = "application/json;charset=UTF-8";
                return Task.CompletedTask;
            });
            if (RequestLimits.Exceeded(http) is { } exceeded)
            {
                http.Response.StatusCode = exceeded.Status;
                await http.Response.WriteAsJsonAsync(exceeded.ToJson());
                return;
            }
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                var error = ErrorOf(e);
                if (error == MpErrors.Internal) log.LogError(e, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
                http.Response.StatusCode = error.Status;
                await http.Response.WriteAsJsonAsync(error.ToJson());
            }
        });
        app.UseStatusCodePages(context => EmptyErrorBody(context.HttpContext));
        return app;
    }

    static MpError ErrorOf(Exception e) => e switch
    {
        MpException mp => mp.Error,
        BadHttpRequestException { StatusCode: 413 } => MpErrors.BodyTooLarge,
        BadHttpRequestException bad => MpErrors.MalformedJson with { Status = bad.StatusCode },
        _ => MpErrors.Internal,
    };

    /// <summary>Unknown routes, wrong methods and any other body-less 4xx/5xx get the envelope too, never an empty page.
    /// A real Mercado Pago route the emulator lacks is a 501 naming it; a path Mercado Pago does not have stays 404.</summary>
    static Task EmptyErrorBody(HttpContext http)
    {
        var error = http.Response.StatusCode is 404 or 405
            && Parity.ParityRules.Operation(http.Request.Method, http.Request.Path) is { Coverage: Parity.Coverage.NotEmulated } real
            ? MpErrors.NotEmulated(real.Method, real.Path)
            : http.Response.StatusCode switch
            {
                404 => MpErrors.RouteNotFound(http.Request.Path),
                405 => MpErrors.MethodNotAllowed,
                413 => MpErrors.BodyTooLarge,
                var s => new MpError(s, s >= 500 ? "internal_server_error" : "bad_request", "Request failed", null, null),
            };
        http.Response.StatusCode = error.Status;
        return http.Response.WriteAsJsonAsync(error.ToJson());
    }
}
