namespace MpEmulator.Infrastructure;

/// <summary>Endpoint metadata: the route also takes a <c>public_key</c>, as browser-side checkout calls do.</summary>
public sealed class PublicKeyAllowed;

public static class Auth
{
    public static TBuilder AllowPublicKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicKeyAllowed());

    /// <summary>Every <c>/v1</c> and <c>/users</c> request names its seller: <c>Authorization: Bearer</c>, the legacy <c>?access_token=</c>,
    /// or on browser-side routes <c>?public_key=</c> / <c>X-Public-Key</c>.</summary>
    public static IApplicationBuilder UseSellerAuth(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!(http.Request.Path.StartsWithSegments("/v1") || http.Request.Path.StartsWithSegments("/users")) || http.GetEndpoint() is not { } endpoint)
        {
            await next(http);
            return;
        }
        var sellers = http.RequestServices.GetRequiredService<SellerDirectory>();
        if (AccessToken(http.Request) is { } token)
        {
            if (sellers.ByAccessToken(token) is not { } seller)
            {
                await new MpErrorResult(MpErrors.InvalidAccessToken).ExecuteAsync(http);
                return;
            }
            Admit(http, new Caller(seller, null));
        }
        else if (endpoint.Metadata.GetMetadata<PublicKeyAllowed>() is not null && PublicKey(http.Request) is { } key)
        {
            var seller = sellers.ByPublicKey(key);
            if (seller is null && http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmulatorOptions>>().Value.StrictTokens)
            {
                await new MpErrorResult(MpErrors.InvalidPublicKey).ExecuteAsync(http);
                return;
            }
            Admit(http, new Caller(seller, key));
        }
        else
        {
            await new MpErrorResult(MpErrors.MissingAccessToken).ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    static void Admit(HttpContext http, Caller caller)
    {
        http.Features.Set(caller);
        if (caller.Seller is { } seller)
        {
            http.Features.Set(seller);
            http.Response.Headers["x-site-id"] = seller.SiteId;
        }
    }

    static string? AccessToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } bearer)
            return bearer;
        return request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }

    static string? PublicKey(HttpRequest request) =>
        request.Query["public_key"].ToString() is { Length: > 0 } q ? q
        : request.Headers["X-Public-Key"].ToString() is { Length: > 0 } h ? h : null;
}
