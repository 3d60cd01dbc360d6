using MpEmulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace MpEmulator.Catalog;

/// <summary>What a checkout reads before it pays: the seller's site's payment methods, installment quotes, card issuers
/// and document types.</summary>
public static class CatalogEndpoints
{
    public const int DefaultSearchLimit = 30;
    public const int MaxSearchLimit = 100;

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1").WithTags("Catalog").AllowPublicKey();
        g.MapGet("/payment_methods", PaymentMethods);
        g.MapGet("/payment_methods/installments", Installments);
        g.MapGet("/payment_methods/card_issuers", CardIssuers);
        g.MapGet("/payment_methods/search", Search);
        g.MapGet("/identification_types", IdentificationTypes);
        return app;
    }

    static Ok<List<PaymentMethod>> PaymentMethods(Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options) =>
        TypedResults.Ok(SiteOf(caller, catalogs, options).PaymentMethods);

    /// <summary><c>?amount=</c> with <c>bin</c> and/or <c>payment_method_id</c>, optionally <c>issuer.id</c> (or <c>issuer_id</c>).</summary>
    static Ok<List<InstallmentOption>> Installments(HttpRequest request, Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options)
    {
        var q = request.Query;
        var site = SiteOf(caller, catalogs, options);
        var amount = InstallmentRules.ParseAmount(Param(q, "amount"));
        var method = InstallmentRules.ResolveMethod(site, Param(q, "payment_method_id"), Param(q, "bin"));
        return TypedResults.Ok(InstallmentRules.Quote(site, method, Param(q, "issuer.id") ?? Param(q, "issuer_id"), amount));
    }

    static Ok<List<Issuer>> CardIssuers(HttpRequest request, Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options)
    {
        var site = SiteOf(caller, catalogs, options);
        var method = InstallmentRules.ResolveMethod(site, Param(request.Query, "payment_method_id"), Param(request.Query, "bin"));
        return TypedResults.Ok(method is null ? [] : InstallmentRules.IssuersOf(site, method, null));
    }

    /// <summary>The methods that the given <c>bins</c> (comma-separated; also <c>bin</c>) belong to, by the same BIN rules
    /// card tokens use; every method of the site without bins.</summary>
    static Ok<SearchPage<PaymentMethod>> Search(HttpRequest request, Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options)
    {
        var q = request.Query;
        var site = SiteOf(caller, catalogs, options);
        var (limit, offset) = PagingRules.Read(q, DefaultSearchLimit, MaxSearchLimit, MpErrors.InvalidParameters);
        var bins = (Param(q, "bins") ?? Param(q, "bin"))?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (bins.Any(b => b.Length is < 6 or > 8 || !b.All(char.IsAsciiDigit))) throw MpErrors.InvalidBin.Exception();
        var methods = bins.Length == 0
            ? site.PaymentMethods
            : bins.Select(b => site.ResolveCard(b)?.Method).OfType<PaymentMethod>().DistinctBy(m => m.Id).ToList();
        return TypedResults.Ok(new SearchPage<PaymentMethod>(new Paging(methods.Count, limit, offset), methods.Skip(offset).Take(limit).ToList()));
    }

    static Ok<List<IdentificationType>> IdentificationTypes(Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options) =>
        TypedResults.Ok(SiteOf(caller, catalogs, options).IdentificationTypes);

    static SiteCatalog SiteOf(Caller caller, Catalogs catalogs, IOptions<EmulatorOptions> options) =>
        catalogs.For(caller.Seller?.SiteId ?? options.Value.Site);

    static string? Param(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;
}
