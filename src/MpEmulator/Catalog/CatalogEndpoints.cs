using MpEmulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace MpEmulator.Catalog;

/// <summary>What a checkout reads before it pays: the seller's site's payment methods and document types.</summary>
public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1").WithTags("Catalog").AllowPublicKey();
        g.MapGet("/payment_methods", PaymentMethods);
        g.MapGet("/identification_types", IdentificationTypes);
        return app;
    }

    static Ok<List<PaymentMethod>> PaymentMethods(Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options) =>
        TypedResults.Ok(SiteOf(caller, catalogs, options).PaymentMethods);

    static Ok<List<IdentificationType>> IdentificationTypes(Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options) =>
        TypedResults.Ok(SiteOf(caller, catalogs, options).IdentificationTypes);

    static SiteCatalog SiteOf(Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options) =>
        catalogs.For(caller.Seller?.SiteId ?? options.Value.Site);
}
