using System.Globalization;
using System.Text.Json.Nodes;
using MpEmulator.Customers;
using MpEmulator.Infrastructure;

namespace MpEmulator.Payments;

/// <summary>A <c>POST /v1/payments</c> body, type-checked with the payments API's codes. Unknown parameter names are
/// refused with code 8, as Mercado Pago does; fields the emulator has no behaviour for are accepted and echoed.</summary>
public sealed record PaymentRequest
{
    public decimal? TransactionAmount { get; init; }
    public string? Token { get; init; }
    public string? Description { get; init; }
    public int? Installments { get; init; }
    public string? PaymentMethodId { get; init; }
    public string? IssuerId { get; init; }
    public PayerRequest? Payer { get; init; }
    public bool Capture { get; init; } = true;
    public bool BinaryMode { get; init; }
    public string? ExternalReference { get; init; }
    public JsonObject? Metadata { get; init; }
    public string? NotificationUrl { get; init; }
    public string? CallbackUrl { get; init; }
    public string? StatementDescriptor { get; init; }
    public JsonObject? AdditionalInfo { get; init; }
    public DateTimeOffset? DateOfExpiration { get; init; }
    public string? IntegratorId { get; init; }
    public string? PlatformId { get; init; }
    public string? CorporationId { get; init; }
    public decimal? CouponAmount { get; init; }
    public string? DifferentialPricingId { get; init; }

    static readonly Dictionary<string, HashSet<string>> Known = new()
    {
        [""] =
        [
            "transaction_amount", "token", "description", "installments", "payment_method_id", "issuer_id", "payer", "capture",
            "binary_mode", "external_reference", "metadata", "notification_url", "callback_url", "statement_descriptor",
            "additional_info", "date_of_expiration", "application_fee", "campaign_id", "coupon_code", "coupon_amount",
            "differential_pricing_id", "sponsor_id", "processing_mode", "merchant_account_id", "payment_method_option_id",
            "net_amount", "taxes", "point_of_interaction", "three_d_secure_mode", "payment_method", "forward_data",
            "transaction_details", "order", "amounts", "counter_currency", "marketplace", "marketplace_fee",
            "integrator_id", "platform_id", "corporation_id", "money_release_days", "session_id", "device_id",
            "authentication_code", "sub_merchant",
        ],
        ["payer"] = ["type", "id", "email", "identification", "first_name", "last_name", "entity_type", "phone", "address", "operator_id"],
        ["additional_info"] =
        [
            "ip_address", "items", "payer", "shipments", "barcode", "referral_url", "drop_shipping", "delivery_promise",
            "contrated_plan", "travel_passengers", "travel_routes", "authentication_code", "nsu_processadora", "available_balance",
        ],
        ["additional_info.payer"] =
        [
            "first_name", "last_name", "phone", "address", "registration_date", "authentication_type", "is_prime_user",
            "is_first_purchase_online", "last_purchase", "identification", "user_id",
        ],
        ["additional_info.items"] =
        [
            "id", "title", "description", "picture_url", "category_id", "quantity", "unit_price", "type", "warranty",
            "event_date", "category_descriptor", "currency_id",
        ],
    };

    public static PaymentRequest Parse(JsonFields body)
    {
        RefuseUnknownNames(body.Object);
        var payer = body.Child("payer", PaymentErrors.PayerMalformed);
        return new PaymentRequest
        {
            TransactionAmount = body.Decimal("transaction_amount", PaymentErrors.TransactionAmountNotNumeric),
            Token = body.String("token", PaymentErrors.InvalidCardToken),
            Description = body.String("description", PaymentErrors.WrongType("description")),
            Installments = body.Int("installments", PaymentErrors.InstallmentsNotNumeric),
            PaymentMethodId = body.String("payment_method_id", PaymentErrors.InvalidPaymentMethod),
            IssuerId = body.String("issuer_id", PaymentErrors.WrongType("issuer_id"), acceptNumber: true),
            Payer = payer is { } p ? PayerRequest.Parse(p) : null,
            Capture = body.Bool("capture", PaymentErrors.WrongType("capture")) ?? true,
            BinaryMode = body.Bool("binary_mode", PaymentErrors.WrongType("binary_mode")) ?? false,
            ExternalReference = AtMost(body.String("external_reference", PaymentErrors.WrongType("external_reference"), acceptNumber: true),
                "external_reference", MaxExternalReference),
            Metadata = body.Raw("metadata", PaymentErrors.InvalidMetadata),
            NotificationUrl = Url(body.String("notification_url", PaymentErrors.InvalidNotificationUrl)),
            CallbackUrl = body.String("callback_url", PaymentErrors.WrongType("callback_url")),
            StatementDescriptor = AtMost(body.String("statement_descriptor", PaymentErrors.WrongType("statement_descriptor")),
                "statement_descriptor", MaxStatementDescriptor),
            AdditionalInfo = ItemsAsStrings(body.Raw("additional_info", PaymentErrors.WrongType("additional_info"))),
            DateOfExpiration = Date(body.String("date_of_expiration", PaymentErrors.InvalidDate)),
            IntegratorId = body.String("integrator_id", PaymentErrors.WrongType("integrator_id"), acceptNumber: true),
            PlatformId = body.String("platform_id", PaymentErrors.WrongType("platform_id"), acceptNumber: true),
            CorporationId = body.String("corporation_id", PaymentErrors.WrongType("corporation_id"), acceptNumber: true),
            CouponAmount = body.Decimal("coupon_amount", PaymentErrors.WrongType("coupon_amount")),
            DifferentialPricingId = body.String("differential_pricing_id", PaymentErrors.WrongType("differential_pricing_id"), acceptNumber: true),
        };
    }

    /// <summary>The official OpenAPI's maxLength (external_reference: 256, as the contract notes; statement_descriptor: 22).</summary>
    public const int MaxExternalReference = 256, MaxStatementDescriptor = 22;

    static string? AtMost(string? value, string field, int max) =>
        value?.Length > max ? throw PaymentErrors.TooLong(field, max).Exception() : value;

    public static DateTimeOffset? Date(string? value) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && value.Contains('T') && EmulatorClock.InRange(d) ? d
        : throw PaymentErrors.InvalidDate.Exception();

    static string? Url(string? value)
    {
        if (value is null) return null;
        if (value.Length >= 500) throw PaymentErrors.NotificationUrlTooLong.Exception();
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value
            : throw PaymentErrors.InvalidNotificationUrl.Exception();
    }

    /// <summary>Mercado Pago answers item quantities and prices as strings, whatever the request sent.</summary>
    static JsonObject? ItemsAsStrings(JsonObject? info)
    {
        if (info?["items"] is JsonArray items)
            foreach (var item in items.OfType<JsonObject>())
                foreach (var name in (string[])["quantity", "unit_price"])
                    if (item[name] is JsonValue v) item[name] = v.ToJsonString().Trim('"');
        return info;
    }

    static void RefuseUnknownNames(JsonObject body)
    {
        var unknown = new List<string>();
        Walk(body, "", unknown);
        if (unknown.Count > 0) throw PaymentErrors.Unknown(unknown).Exception();
    }

    static void Walk(JsonObject obj, string path, List<string> unknown)
    {
        var known = Known[path];
        foreach (var (name, value) in obj)
        {
            var child = path.Length == 0 ? name : $"{path}.{name}";
            if (!known.Contains(name)) unknown.Add(child);
            else if (Known.ContainsKey(child))
            {
                if (value is JsonObject o) Walk(o, child, unknown);
                else if (value is JsonArray a) foreach (var e in a.OfType<JsonObject>()) Walk(e, child, unknown);
            }
        }
    }
}

public sealed record PayerRequest
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Email { get; init; }
    public Identification? Identification { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? EntityType { get; init; }
    public PayerPhone? Phone { get; init; }

    public static PayerRequest Parse(JsonFields p)
    {
        var identification = p.Child("identification", PaymentErrors.PayerMalformed);
        var phone = p.Child("phone", PaymentErrors.PayerMalformed);
        return new PayerRequest
        {
            Type = p.String("type", PaymentErrors.InvalidPayerType),
            Id = p.String("id", PaymentErrors.PayerMalformed, acceptNumber: true),
            Email = p.String("email", PaymentErrors.InvalidPayerEmail),
            Identification = identification is { } i
                ? new Identification
                {
                    Type = i.String("type", PaymentErrors.PayerMalformed),
                    Number = i.String("number", PaymentErrors.PayerMalformed, acceptNumber: true),
                }
                : null,
            FirstName = p.String("first_name", PaymentErrors.PayerMalformed),
            LastName = p.String("last_name", PaymentErrors.PayerMalformed),
            EntityType = p.String("entity_type", PaymentErrors.PayerMalformed),
            Phone = phone is { } ph
                ? new PayerPhone
                {
                    AreaCode = ph.String("area_code", PaymentErrors.PayerMalformed, acceptNumber: true),
                    Number = ph.String("number", PaymentErrors.PayerMalformed, acceptNumber: true),
                    Extension = ph.String("extension", PaymentErrors.PayerMalformed, acceptNumber: true),
                }
                : null,
        };
    }
}

/// <summary>A <c>PUT /v1/payments/{id}</c> body: capture (optionally partial), cancel, expiry date, metadata.</summary>
public sealed record PaymentUpdate
{
    public bool? Capture { get; init; }
    public string? Status { get; init; }
    public decimal? TransactionAmount { get; init; }
    public DateTimeOffset? DateOfExpiration { get; init; }
    public JsonObject? Metadata { get; init; }

    static readonly HashSet<string> Known = ["capture", "status", "transaction_amount", "date_of_expiration", "metadata"];

    public static PaymentUpdate Parse(JsonFields body)
    {
        var unknown = body.Names.Where(n => !Known.Contains(n)).ToList();
        if (unknown.Count > 0) throw PaymentErrors.Unknown(unknown).Exception();
        return new PaymentUpdate
        {
            Capture = body.Bool("capture", PaymentErrors.CaptureMustBeBoolean),
            Status = body.String("status", PaymentErrors.InvalidStatusForUpdate),
            TransactionAmount = body.Decimal("transaction_amount", PaymentErrors.UpdateAmountNotNumeric),
            DateOfExpiration = PaymentRequest.Date(body.String("date_of_expiration", PaymentErrors.InvalidDate)),
            Metadata = body.Raw("metadata", PaymentErrors.InvalidMetadata),
        };
    }
}
