using System.Text;
using Microsoft.Extensions.Options;
using MpEmulator.CardTokens;
using MpEmulator.Catalog;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

public static class PaymentsEndpoints
{
    public const long FirstPaymentId = 1_320_000_000;

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/payments").WithTags("Payments");
        g.MapPost("", Create);
        g.MapGet("/search", PaymentSearch.Search);
        g.MapGet("/{id}", Get).Produces<Payment>();
        g.MapPut("/{id}", Update);
        return app;
    }

    static async Task<ContentHttpResult> Create(HttpRequest request, Seller seller, SellerData data, Catalogs catalogs, Ids ids,
        Idempotency idempotency, TimeProvider clock, IOptions<EmulatorOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var key = idempotency.KeyOf(request);
        var raw = await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson);
        var hash = Idempotency.Hash(raw);
        var body = PaymentRequest.Parse(new JsonFields(raw));
        var now = clock.GetUtcNow();
        var site = catalogs.For(seller.SiteId);
        var (status, text) = await data.WriteAsync(() =>
        {
            if (idempotency.Earlier(request.HttpContext, seller, "payments", key, hash, now) is { } earlier)
                return (earlier.StatusCode, earlier.Body);

            var payment = Charge(data, body, site, ids, Economics.For(seller, options.Value), now, request.HttpContext.Features.Get<ForcedOutcome>());
            var created = System.Text.Json.JsonSerializer.Serialize(payment, json.Value.SerializerOptions);
            idempotency.Remember(seller, "payments", key, hash, StatusCodes.Status201Created, created, now);
            return (StatusCodes.Status201Created, created);
        });
        return TypedResults.Content(text, "application/json", Encoding.UTF8, status);
    }

    static FileContentHttpResult Get(string id, SellerData data, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
        TypedResults.Bytes(data.Json(data.Current(id, clock.GetUtcNow()), json.Value.SerializerOptions), "application/json; charset=utf-8");

    /// <summary>Capture (whole or part), cancel, a new expiry date for a pending ticket or Pix, new metadata.</summary>
    static async Task<Ok<Payment>> Update(string id, HttpRequest request, Seller seller, SellerData data, Catalogs catalogs,
        TimeProvider clock, IOptions<EmulatorOptions> options)
    {
        var update = PaymentUpdate.Parse(new JsonFields(await JsonBody.ReadObjectAsync(request, MpErrors.MalformedJson)));
        if (update.Capture == false && update.Status is null) throw PaymentErrors.InvalidCaptureValue.Exception();
        if (update.Status is not (null or "cancelled")) throw PaymentErrors.InvalidStatusForUpdate.Exception();
        var now = clock.GetUtcNow();
        var site = catalogs.For(seller.SiteId);
        var economics = Economics.For(seller, options.Value);
        return TypedResults.Ok(await data.WriteAsync(() =>
        {
            var before = data.Aged(id, now);
            Outcome<Payment> outcome = update switch
            {
                { Status: "cancelled" } => PaymentRules.Cancel(before, now),
                { Capture: true } => PaymentRules.Capture(before, update.TransactionAmount, now, site, economics),
                { TransactionAmount: not null } => PaymentErrors.InvalidActionForState,
                { DateOfExpiration: { } date } => PaymentRules.ChangeExpiration(before, date, now),
                _ => before,
            };
            var after = outcome.Unwrap();
            if (update.Metadata is { } metadata) after = after with { Metadata = metadata, DateLastUpdated = now };
            data.Save(before, after, now);
            return after;
        }));
    }

    /// <summary>Inside a write: resolves a new payment's token, method and payer, decides it with the payment rules and
    /// stores it with its <c>payment.created</c> event. <c>/v1/orders</c> charges its transactions through here too.</summary>
    internal static Payment Charge(SellerData data, PaymentRequest body, SiteCatalog site, Ids ids, Economics economics,
        DateTimeOffset now, ForcedOutcome? forced)
    {
        var seller = data.Seller;
        var token = body.Token is { } tokenId ? data.UsableToken(tokenId) ?? throw PaymentErrors.CardTokenNotFound.Exception() : null;
        if (token is not null && CardTokenRules.StatusAt(token, now) != "active") throw PaymentErrors.InvalidCardToken.Exception();
        var method = PaymentRules.ResolveMethod(body.PaymentMethodId, token, site);
        if (method.IsCard && token is null) throw PaymentErrors.TokenRequired.Exception();
        if (!method.IsCard && body.DateOfExpiration <= now) throw PaymentErrors.ExpirationPast.Exception();
        var customer = PayingCustomer(data, body.Payer);
        if (customer is null) CheckPayerEmail(body.Payer?.Email);

        var id = data.NextId("payments", FirstPaymentId);
        var payment = PaymentRules.Create(new NewPayment
        {
            Request = body, Seller = seller, Site = site, Method = method, Token = token, Customer = customer, Id = id,
            Economics = economics, Now = now,
            AuthorizationCode = method.IsCard ? ids.Digits(6) : null,
            Instructions = method.IsCard ? null : Instructions(method, site, seller, id, body.TransactionAmount ?? 0, ids),
            Forced = forced,
        });
        if (token is not null) data.Consume(token.Id, now);
        data.Save(payment, payment, now, "payment.created");
        return payment;
    }

    static Customer? PayingCustomer(SellerData data, PayerRequest? payer)
    {
        if (payer?.Type is { } type && type is not ("customer" or "registered" or "guest")) throw PaymentErrors.InvalidPayerType.Exception();
        if (payer?.Type != "customer") return null;
        // Only an explicit id must resolve (2002); an email alone is the payer's email, a customer's or not.
        if (payer.Id is { } id)
            return data.Customers().Find(id) is { Status: "active" } customer ? customer : throw PaymentErrors.CustomerNotFound.Exception();
        return payer.Email is { } email ? data.CustomerWithEmail(email) is { Status: "active" } found ? found : null
            : throw PaymentErrors.PayerIdRequired.Exception();
    }

    static void CheckPayerEmail(string? email)
    {
        if (email is { Length: > 254 }) throw PaymentErrors.PayerEmailTooLong.Exception();
        if (email is null || !email.Contains('@') || email.StartsWith('@') || email.EndsWith('@'))
            throw PaymentErrors.InvalidPayerEmail.Exception();
    }

    static PaymentInstructions Instructions(PaymentMethod method, SiteCatalog site, Seller seller, long id, decimal amount, Ids ids)
    {
        var ticketUrl = $"https://www.mercadopago.{Domain(site.SiteId)}/payments/{id}/ticket?caller_id={seller.Id}&hash={ids.Hex(32)}";
        if (method.PaymentTypeId != "bank_transfer") return new PaymentInstructions(null, null, ticketUrl, ids.Digits(44));
        var code = PixCode.Payload($"pix-{seller.Id}@emulator.test", $"Seller {seller.Id}", "SAO PAULO", amount, $"MP{id}");
        return new PaymentInstructions(code, PixCode.PngBase64(code), ticketUrl, null);
    }

    /// <summary>The site's Mercado Pago domain: <c>com.br</c>, <c>com.ar</c>...</summary>
    internal static string Domain(string site) => site switch
    {
        "MLA" => "com.ar", "MLM" => "com.mx", "MLC" => "cl", "MCO" => "com.co", "MPE" => "com.pe", "MLU" => "com.uy", _ => "com.br",
    };
}
