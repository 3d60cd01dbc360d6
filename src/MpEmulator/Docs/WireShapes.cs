using System.Text.Json.Nodes;
using MpEmulator.Addresses;
using MpEmulator.Cards;
using MpEmulator.Customers;
using MpEmulator.Payments;

namespace MpEmulator.Docs;

/// <summary>Request and error shapes as they travel on the wire, for the OpenAPI document only. Handlers read bodies as
/// JSON and check them with Mercado Pago's own error codes; these records just describe what they accept.</summary>
/// <summary><c>site_id</c> is accepted and ignored (the official SDKs' own tests send it; the seller's site decides).</summary>
public sealed record CardTokenBody(string? CardNumber, string? SecurityCode, int? ExpirationMonth, int? ExpirationYear,
    Cardholder? Cardholder, string? CardId, string? CustomerId, string? SiteId);

public sealed record CardBody(string Token, string? PaymentMethodId, CardBodyMethod? PaymentMethod);

public sealed record CardBodyMethod(string? Id);

public sealed record CardUpdateBody(int? ExpirationMonth, int? ExpirationYear, Cardholder? Cardholder);

public sealed record RefundBody(decimal? Amount);

public sealed record ClockAdvanceBody(string Duration);

public sealed record ClockSetBody(DateTimeOffset Now);

/// <summary>No seller: everything. <c>seller</c>: an access token or a user id.</summary>
public sealed record ResetBody(string? Seller);

public sealed record PaymentActionBody(string Action, string? StatusDetail);

public sealed record GenerateBody(int? Customers, int? Payments, string? Seller);

public sealed record WebhookTestBody(string Url, long? Seller, bool? Ipn);

/// <summary>Mercado Pago's error envelope. <c>code</c> is a number on payments and refunds, a string elsewhere.</summary>
public sealed record ErrorEnvelope(string Message, string Error, int Status, List<ErrorCause> Cause);

public sealed record ErrorCause(JsonNode Code, string Description, string? Data);

/// <summary>The Orders API's error shape: each error with a string code, a message and details.</summary>
public sealed record OrderErrorEnvelope(List<OrderErrorItem> Errors);

public sealed record OrderErrorItem(string Code, string Message, List<string> Details);

/// <summary>What the document adds to the operations whose handlers read the raw request: body types, the created
/// resource, query parameters, and an example body.</summary>
static class WireShapes
{
    public static readonly Dictionary<string, Type> Bodies = new()
    {
        ["POST v1/customers"] = typeof(CustomerRequest),
        ["PUT v1/customers/{id}"] = typeof(CustomerRequest),
        ["POST v1/customers/{customerId}/cards"] = typeof(CardBody),
        ["PUT v1/customers/{customerId}/cards/{cardId}"] = typeof(CardUpdateBody),
        ["POST v1/customers/{customerId}/addresses"] = typeof(AddressRequest),
        ["PUT v1/customers/{customerId}/addresses/{addressId}"] = typeof(AddressRequest),
        ["POST v1/card_tokens"] = typeof(CardTokenBody),
        ["POST v1/payments"] = typeof(PaymentRequest),
        ["PUT v1/payments/{id}"] = typeof(PaymentUpdate),
        ["POST v1/payments/{id}/refunds"] = typeof(RefundBody),
        ["POST v1/orders"] = typeof(JsonObject),
        ["POST v1/orders/{id}/process"] = typeof(JsonObject),
        ["POST v1/orders/{id}/capture"] = typeof(JsonObject),
        ["POST v1/orders/{id}/cancel"] = typeof(JsonObject),
        ["POST v1/orders/{id}/refund"] = typeof(JsonObject),
        ["POST v1/orders/{id}/transactions"] = typeof(JsonObject),
        ["PUT v1/orders/{id}/transactions/{transactionId}"] = typeof(JsonObject),
        ["POST __admin/orders/{id}/actions"] = typeof(PaymentActionBody),
        ["POST __admin/clock/advance"] = typeof(ClockAdvanceBody),
        ["POST __admin/clock/set"] = typeof(ClockSetBody),
        ["POST __admin/reset"] = typeof(ResetBody),
        ["POST __admin/payments/{id}/actions"] = typeof(PaymentActionBody),
        ["POST __admin/fixtures"] = typeof(JsonObject),
        ["POST __admin/rules"] = typeof(JsonNode),
        ["POST __admin/generate"] = typeof(GenerateBody),
        ["POST __admin/webhooks/test"] = typeof(WebhookTestBody),
    };

    public static readonly Dictionary<string, Type> Created = new()
    {
        ["POST v1/customers/{customerId}/cards"] = typeof(Card),
        ["POST v1/customers/{customerId}/addresses"] = typeof(Address),
        ["POST v1/payments"] = typeof(Payment),
        ["POST v1/payments/{id}/refunds"] = typeof(Refund),
    };

    /// <summary>Query parameters; a leading <c>*</c> marks a required one.</summary>
    public static readonly Dictionary<string, string[]> Queries = new()
    {
        ["GET v1/payment_methods/installments"] = ["*amount", "bin", "payment_method_id", "issuer.id", "issuer_id"],
        ["GET v1/payment_methods/card_issuers"] = ["payment_method_id", "bin"],
        ["GET v1/payment_methods/search"] = ["bins", "limit", "offset"],
        ["GET v1/customers/search"] = ["email", "id", "first_name", "last_name", "limit", "offset"],
        ["GET v1/payments/search"] =
        [
            "external_reference", "status", "status_detail", "payment_method_id", "payment_type_id", "payer.id", "payer.email",
            "range", "begin_date", "end_date", "sort", "criteria", "limit", "offset",
        ],
        ["GET v1/orders"] =
        [
            "*begin_date", "*end_date", "external_reference", "type", "status", "status_detail", "payment_method_id",
            "payment_method_type", "sort_order", "limit", "offset", "page", "page_size",
        ],
        ["GET __admin/webhooks"] = ["payment_id", "seller", "status", "limit", "offset"],
    };

    public static readonly Dictionary<string, string> Examples = new()
    {
        ["POST v1/customers"] = """{"email":"test_payer_1@testuser.com","first_name":"Ana","identification":{"type":"CPF","number":"12345678909"}}""",
        ["POST v1/card_tokens"] = """
            {"card_number":"5031433215406351","security_code":"123","expiration_month":11,"expiration_year":2030,
             "cardholder":{"name":"APRO","identification":{"type":"CPF","number":"12345678909"}}}
            """,
        ["POST v1/customers/{customerId}/cards"] = """{"token":"<card token id>"}""",
        ["POST v1/customers/{customerId}/addresses"] = """{"street_name":"Av. Paulista","street_number":1000,"zip_code":"01310-100","city":"São Paulo","state":"SP"}""",
        ["POST v1/payments"] = """
            {"transaction_amount":100.0,"token":"<card token id>","description":"Order 42","installments":3,
             "payment_method_id":"master","payer":{"email":"test_payer_1@testuser.com"},"external_reference":"ORD-42"}
            """,
        ["PUT v1/payments/{id}"] = """{"capture":true,"transaction_amount":60.0}""",
        ["POST v1/payments/{id}/refunds"] = """{"amount":30.0}""",
        ["POST v1/orders"] = """
            {"type":"online","processing_mode":"automatic","total_amount":"200.00","external_reference":"ext_ref_1234",
             "payer":{"email":"test_payer_1@testuser.com"},"transactions":{"payments":[{"amount":"200.00",
             "payment_method":{"id":"master","type":"credit_card","token":"<card token id>","installments":1}}]}}
            """,
        ["POST v1/orders/{id}/refund"] = """{"transactions":[{"id":"<transaction id>","amount":"25.00"}]}""",
        ["POST v1/orders/{id}/transactions"] = """
            {"payments":[{"amount":"200.00","payment_method":{"id":"master","type":"credit_card","token":"<card token id>","installments":1}}]}
            """,
        ["PUT v1/orders/{id}/transactions/{transactionId}"] = """{"payment_method":{"installments":3}}""",
        ["POST __admin/orders/{id}/actions"] = """{"action":"approve"}""",
        ["POST __admin/clock/advance"] = """{"duration":"P7DT1H"}""",
        ["POST __admin/clock/set"] = """{"now":"2026-12-24T10:00:00.000-04:00"}""",
        ["POST __admin/reset"] = """{"seller":"TEST-1234567890123456-010101-abc-123456789"}""",
        ["POST __admin/payments/{id}/actions"] = """{"action":"approve"}""",
        ["POST __admin/fixtures"] = """
            {"rules":[{"match":{"method":"POST","path":"/v1/payments","payer.email":"test_payer_77@testuser.com"},"after":2,"times":1,
             "respond":{"status":"rejected","status_detail":"cc_rejected_insufficient_amount"}}]}
            """,
        ["POST __admin/rules"] = """{"match":{"path":"/v1/payments","transaction_amount":666},"respond":{"http_status":503},"times":2}""",
        ["POST __admin/generate"] = """{"customers":100,"payments":1000}""",
        ["POST __admin/webhooks/test"] = """{"url":"http://127.0.0.1:3000/hooks/mp"}""",
    };
}
