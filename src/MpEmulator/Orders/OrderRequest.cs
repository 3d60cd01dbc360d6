using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using MpEmulator.Infrastructure;
using MpEmulator.Payments;

namespace MpEmulator.Orders;

/// <summary>A <c>POST /v1/orders</c> body, checked with the Orders API's error codes. Amounts are decimal strings.</summary>
public sealed record OrderRequest
{
    public string ProcessingMode { get; init; } = "automatic";
    public string CaptureMode { get; init; } = "automatic";
    public decimal TotalAmount { get; init; }
    public string? ExternalReference { get; init; }
    public string? Description { get; init; }
    public JsonObject Payer { get; init; } = [];
    public List<TransactionRequest> Payments { get; init; } = [];
    public JsonObject Echoed { get; init; } = [];

    /// <summary>Fields with no behaviour here, answered back as sent.</summary>
    static readonly string[] EchoedNames =
        ["items", "config", "shipment", "additional_info", "integration_data", "marketplace", "marketplace_fee", "checkout_available_at", "expiration_time"];

    static readonly HashSet<string> Known =
    [
        "type", "processing_mode", "capture_mode", "total_amount", "external_reference", "description", "payer", "transactions",
        "config", "items", "shipment", "additional_info", "integration_data", "marketplace", "marketplace_fee",
        "checkout_available_at", "expiration_time", "currency", "type_config",
    ];

    /// <summary>Types of order the Orders API knows but the emulator does not (in-store Point and QR orders).</summary>
    static readonly HashSet<string> InStore = ["point", "qr"];

    public static OrderRequest Parse(JsonObject raw)
    {
        var unknown = raw.Select(p => p.Key).Where(n => !Known.Contains(n)).ToList();
        if (unknown.Count > 0) throw OrderErrors.UnsupportedProperties(unknown).Exception();
        var body = new JsonFields(raw);
        var type = body.String("type", OrderErrors.PropertyType("type")) ?? throw OrderErrors.RequiredProperties("type").Exception();
        if (InStore.Contains(type)) throw MpErrors.NotEmulated($"Orders of type {type} (in-store Point and QR payments)").Exception();
        if (type != "online") throw OrderErrors.PropertyValue("type").Exception();
        var captureMode = body.String("capture_mode", OrderErrors.PropertyType("capture_mode"))
            ?? body.Child("type_config", OrderErrors.PropertyType("type_config"))?.String("capture_mode", OrderErrors.PropertyType("type_config.capture_mode"))
            ?? "automatic";
        var payer = body.Child("payer", OrderErrors.PropertyType("payer")) ?? throw OrderErrors.RequiredProperties("payer").Exception();
        if (payer.String("email", OrderErrors.PropertyType("payer.email")) is not { } email) throw OrderErrors.RequiredProperties("payer.email").Exception();
        if (!email.Contains('@')) throw OrderErrors.PropertyValue("payer.email").Exception();
        PayerOf(payer.Object);
        var mode = body.String("processing_mode", OrderErrors.PropertyType("processing_mode")) ?? "automatic";
        if (mode is not ("automatic" or "manual")) throw OrderErrors.PropertyValue("processing_mode").Exception();
        var request = new OrderRequest
        {
            ProcessingMode = mode,
            CaptureMode = captureMode is "automatic" or "manual" or "automatic_async" ? captureMode : throw OrderErrors.PropertyValue("capture_mode").Exception(),
            TotalAmount = Amount(body, "total_amount") ?? throw OrderErrors.RequiredProperties("total_amount").Exception(),
            ExternalReference = body.String("external_reference", OrderErrors.PropertyType("external_reference")),
            Description = body.String("description", OrderErrors.PropertyType("description")),
            Payer = (JsonObject)payer.Object.DeepClone(),
            Payments = body.Child("transactions", OrderErrors.PropertyType("transactions")) is { } t ? Transactions(t) : [],
            Echoed = new JsonObject(EchoedNames.Where(n => raw[n] is not null).Select(n => KeyValuePair.Create<string, JsonNode?>(n, raw[n]!.DeepClone()))),
        };
        if (request.ProcessingMode == "automatic" && request.Payments.Count == 0)
            throw OrderErrors.RequiredProperties("transactions.payments").Exception();
        if (request.Payments.Count > 0 && request.Payments.Sum(p => p.Amount) != request.TotalAmount) throw OrderErrors.InvalidTotalAmount.Exception();
        return request;
    }

    /// <summary><c>{"payments": [...]}</c>, the body of <c>transactions</c> and of <c>POST .../transactions</c>. An order
    /// carries one payment, as the Orders API does today.</summary>
    public static List<TransactionRequest> Transactions(JsonFields transactions)
    {
        if (transactions.Object["payments"] is null) return [];
        if (transactions.Object["payments"] is not JsonArray payments) throw OrderErrors.PropertyType("transactions.payments").Exception();
        if (payments.Count > 1) throw OrderErrors.MaximumItems("transactions.payments").Exception();
        return payments.Select((p, i) => p is JsonObject o
            ? TransactionRequest.Parse(new JsonFields(o), $"transactions.payments[{i}]")
            : throw OrderErrors.PropertyType($"transactions.payments[{i}]").Exception()).ToList();
    }

    /// <summary>The payer as <c>/v1/payments</c> takes it (<c>customer_id</c> makes it a saved customer).</summary>
    public static PayerRequest PayerOf(JsonObject payer)
    {
        var p = new JsonFields(payer);
        var id = p.Child("identification", OrderErrors.PropertyType("payer.identification"));
        var customer = p.String("customer_id", OrderErrors.PropertyType("payer.customer_id"));
        return new PayerRequest
        {
            Type = customer is null ? null : "customer",
            Id = customer,
            Email = p.String("email", OrderErrors.PropertyType("payer.email")),
            FirstName = p.String("first_name", OrderErrors.PropertyType("payer.first_name")),
            LastName = p.String("last_name", OrderErrors.PropertyType("payer.last_name")),
            EntityType = p.String("entity_type", OrderErrors.PropertyType("payer.entity_type")),
            Identification = id is { } i
                ? new Customers.Identification
                {
                    Type = i.String("type", OrderErrors.PropertyType("payer.identification.type")),
                    Number = i.String("number", OrderErrors.PropertyType("payer.identification.number"), acceptNumber: true),
                }
                : null,
        };
    }

    /// <summary>A positive decimal string (<c>"100.00"</c>); a JSON number is the wrong type, as for MP.</summary>
    public static decimal? Amount(JsonFields body, string name, string? path = null)
    {
        path ??= name;
        var text = body.String(name, OrderErrors.PropertyType(path));
        if (text is null) return null;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? amount
            : throw OrderErrors.PropertyValue(path).Exception();
    }
}

/// <summary>One <c>transactions.payments[]</c> entry.</summary>
public sealed record TransactionRequest
{
    public decimal Amount { get; init; }
    public string MethodId { get; init; } = "";
    public string MethodType { get; init; } = "";
    public string? Token { get; init; }
    public int? Installments { get; init; }
    public string? StatementDescriptor { get; init; }
    public string? ExpirationTime { get; init; }
    public DateTimeOffset? DateOfExpiration { get; init; }

    public static TransactionRequest Parse(JsonFields p, string at)
    {
        var method = p.Child("payment_method", OrderErrors.PropertyType($"{at}.payment_method"))
            ?? throw OrderErrors.RequiredProperties($"{at}.payment_method").Exception();
        var expiration = p.String("expiration_time", OrderErrors.PropertyType($"{at}.expiration_time"));
        if (expiration is not null && Duration(expiration) is null) throw OrderErrors.PropertyValue($"{at}.expiration_time").Exception();
        var date = p.String("date_of_expiration", OrderErrors.PropertyType($"{at}.date_of_expiration"));
        return new TransactionRequest
        {
            Amount = OrderRequest.Amount(p, "amount", $"{at}.amount") ?? throw OrderErrors.RequiredProperties($"{at}.amount").Exception(),
            ExpirationTime = expiration,
            DateOfExpiration = date is null ? null
                : DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && date.Contains('T') && EmulatorClock.InRange(d) ? d
                : throw OrderErrors.PropertyValue($"{at}.date_of_expiration").Exception(),
        }.WithMethod(new JsonFields(method.Object), $"{at}.payment_method", required: true);
    }

    /// <summary>The fields of a <c>payment_method</c> object over this transaction's (all required on creation; on
    /// <c>PUT .../transactions/{id}</c> only those sent change).</summary>
    public TransactionRequest WithMethod(JsonFields m, string at, bool required)
    {
        var id = m.String("id", OrderErrors.PropertyType($"{at}.id"));
        var type = m.String("type", OrderErrors.PropertyType($"{at}.type"));
        if (required && id is null) throw OrderErrors.RequiredProperties($"{at}.id").Exception();
        if (required && type is null) throw OrderErrors.RequiredProperties($"{at}.type").Exception();
        var installments = m.Int("installments", OrderErrors.PropertyType($"{at}.installments"));
        if (installments is < 1) throw OrderErrors.PropertyValue($"{at}.installments").Exception();
        return this with
        {
            MethodId = id ?? MethodId,
            MethodType = type ?? MethodType,
            Token = m.String("token", OrderErrors.PropertyType($"{at}.token")) ?? Token,
            Installments = installments ?? Installments,
            StatementDescriptor = m.String("statement_descriptor", OrderErrors.PropertyType($"{at}.statement_descriptor")) ?? StatementDescriptor,
        };
    }

    /// <summary>An ISO-8601 duration such as <c>P1D</c> or <c>PT20M</c>.</summary>
    public static TimeSpan? Duration(string text)
    {
        try
        {
            var span = XmlConvert.ToTimeSpan(text);
            return span > TimeSpan.Zero ? span : null;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }
}
