using System.Net;
using System.Text.Json.Nodes;
using MpEmulator.Tests.Support;

namespace MpEmulator.Tests.Orders;

/// <summary>Helpers for the order tests: request bodies and the Orders API's error shape.</summary>
static class Ord
{
    public static JsonObject Card(string token, string amount = "200.00", string captureMode = "automatic", string processingMode = "automatic",
        string? reference = null) => new()
    {
        ["type"] = "online",
        ["processing_mode"] = processingMode,
        ["capture_mode"] = captureMode,
        ["total_amount"] = amount,
        ["external_reference"] = reference ?? $"ext-{Guid.NewGuid():N}",
        ["payer"] = new JsonObject { ["email"] = "test_user_123@testuser.com" },
        ["transactions"] = new JsonObject
        {
            ["payments"] = new JsonArray(new JsonObject
            {
                ["amount"] = amount,
                ["payment_method"] = new JsonObject { ["id"] = "master", ["type"] = "credit_card", ["token"] = token, ["installments"] = 1 },
            }),
        },
    };

    public static JsonObject Offline(string methodId, string type, string amount = "100.00") => new()
    {
        ["type"] = "online",
        ["total_amount"] = amount,
        ["external_reference"] = $"ext-{Guid.NewGuid():N}",
        ["payer"] = new JsonObject
        {
            ["email"] = "test_user_123@testuser.com", ["first_name"] = "Ana", ["last_name"] = "Silva",
            ["identification"] = new JsonObject { ["type"] = "CPF", ["number"] = "12345678909" },
        },
        ["transactions"] = new JsonObject
        {
            ["payments"] = new JsonArray(new JsonObject
            {
                ["amount"] = amount, ["payment_method"] = new JsonObject { ["id"] = methodId, ["type"] = type },
            }),
        },
    };

    public static async Task<Reply> CardOrder(Api api, string holder = "APRO", string captureMode = "automatic", string processingMode = "automatic") =>
        await api.Post("/v1/orders", Card(await api.CardToken(holder), captureMode: captureMode, processingMode: processingMode));

    public static string Id(this Reply reply) => (string)reply["id"]!;

    public static JsonNode Payment(this Reply reply) => reply["transactions"]!["payments"]![0]!;

    public static (string?, string?) Status(this JsonNode node) => ((string?)node["status"], (string?)node["status_detail"]);

    /// <summary>Asserts the Orders API's error shape: <c>{"errors":[{"code","message","details"}]}</c>.</summary>
    public static Reply IsOrderError(this Reply reply, int status, string code)
    {
        Assert.True((int)reply.Status == status, $"expected {status}, got {(int)reply.Status}: {reply.Body}");
        var error = Assert.Single(reply["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["code"]);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]), reply.Body);
        Assert.NotNull(error["details"]!.AsArray());
        return reply;
    }

    /// <summary>A 201 whose body is an order as the spec's schema says.</summary>
    public static Reply Created(this Reply reply) => reply.Is(HttpStatusCode.Created).Valid();

    /// <summary>A 200 whose body is an order as the spec's schema says.</summary>
    public static Reply Ok(this Reply reply) => reply.Is(HttpStatusCode.OK).Valid();
}
