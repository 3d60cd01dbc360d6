using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Orders;

/// <summary>Checks answers against the official OpenAPI spec (<c>../shared/reference/mp-openapi/spec3.json</c> beside the
/// repository, or <c>MP_OPENAPI_SPEC</c>), read when the tests run, never copied: the subset of JSON schema the order
/// schemas use. Where the official SDKs disagree with the spec they win; those places are listed in
/// <see cref="Divergences"/> (the same list as tests/contract/spec.mjs), everything else must match.</summary>
static partial class SpecSchema
{
    static JsonNode? Spec => OfficialSpec.Json;

    /// <summary>Schema path → the type the SDKs use instead, or values they show beyond the spec's enum.</summary>
    static readonly Dictionary<string, (string? Type, string[] Extra)> Divergences = new()
    {
        // Node OrderResponse.user_id and .NET Order.UserId are strings; MP's order webhooks send "123456".
        ["Order.user_id"] = ("string", []),
        // The Node SDK's e2e tests expect cancelled, refunded and partially_refunded; MP's order docs add failed and expired.
        ["Order.status"] = (null, ["failed", "cancelled", "refunded", "expired", "charged_back"]),
        ["Order.status_detail"] = (null, ["failed", "cancelled", "refunded", "partially_refunded", "expired", "charged_back", "in_mediation"]),
        ["OrderTransactionPayment.status"] = (null, ["failed", "cancelled", "refunded", "expired", "charged_back"]),
        ["OrderTransactionPayment.status_detail"] = (null,
        [
            "cancelled_transaction", "refunded", "partially_refunded", "expired", "waiting_transfer", "waiting_payment",
            "rejected_other_reason", "insufficient_amount", "required_call_for_authorize", "bad_filled_card_data",
            "invalid_installments", "card_disabled", "max_attempts_exceeded", "high_risk", "charged_back", "in_mediation",
        ]),
        // The Node SDK's Item.unit_price is a decimal string, as every amount of the Orders API; orders echo items as sent.
        ["OrderItem.unit_price"] = ("string", []),
        // Node PagingResponse and .NET OrderPaging type the search paging as strings.
        ["OrderSearchResult.paging.total"] = ("string", []),
        ["OrderSearchResult.paging.limit"] = ("string", []),
        ["OrderSearchResult.paging.offset"] = ("string", []),
    };

    /// <summary>Asserts the reply's body is what the spec's <paramref name="schema"/> (a components.schemas name) says, when
    /// the spec is on this machine (see <see cref="OfficialSpec"/>).</summary>
    public static Reply Valid(this Reply reply, string schema = "Order")
    {
        if (Spec is null) return reply;
        var problems = new List<string>();
        Walk(new JsonObject { ["$ref"] = $"#/components/schemas/{schema}" }, reply.Json, schema, problems);
        Assert.True(problems.Count == 0, $"not as the spec's {schema} says: {string.Join("; ", problems)}\n{reply.Body}");
        return reply;
    }

    static void Walk(JsonNode schema, JsonNode? value, string path, List<string> problems)
    {
        if ((string?)schema["$ref"] is { } reference)
        {
            path = reference.Split('/')[^1];
            schema = Spec!["components"]!["schemas"]![path]!;
        }
        var (divergentType, extra) = Divergences.GetValueOrDefault(path, (null, []));
        var type = divergentType ?? (string?)schema["type"];
        if (value is null)
        {
            problems.Add($"{path}: null where the spec has {type}");
            return;
        }
        if (type is not null && !Fits(type, value))
        {
            problems.Add($"{path}: {value.ToJsonString()} is not {type}");
            return;
        }
        if (schema["enum"] is JsonArray allowed && divergentType is null && value.GetValueKind() == JsonValueKind.String
            && !allowed.Any(a => (string?)a == (string)value!) && !extra.Contains((string)value!))
            problems.Add($"{path}: {value.ToJsonString()} is not one of the spec's values");
        if ((string?)schema["format"] == "date-time" && !IsoWithOffset().IsMatch((string)value!))
            problems.Add($"{path}: {value} is not an ISO-8601 date with an offset");
        if (value is JsonObject o)
        {
            foreach (var name in schema["required"]?.AsArray().Select(n => (string)n!) ?? [])
                if (!o.ContainsKey(name)) problems.Add($"{path}.{name}: required, missing");
            foreach (var (name, inner) in schema["properties"]?.AsObject() ?? [])
                if (o.TryGetPropertyValue(name, out var v)) Walk(inner!, v, $"{path}.{name}", problems);
        }
        if (value is JsonArray a && schema["items"] is { } items)
            for (var i = 0; i < a.Count; i++) Walk(items, a[i], $"{path}[{i}]", problems);
    }

    static bool Fits(string type, JsonNode value) => (type, value.GetValueKind()) switch
    {
        ("string", JsonValueKind.String) or ("boolean", JsonValueKind.True or JsonValueKind.False) or ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value.GetValue<decimal>() == decimal.Truncate(value.GetValue<decimal>()),
        ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) => true,
        _ => type is not ("string" or "boolean" or "number" or "integer" or "object" or "array"),
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithOffset();
}
