using System.Text.Json.Nodes;

namespace MpEmulator.Infrastructure;

/// <summary>One Mercado Pago error: the HTTP status, the <c>error</c> word, the message and the cause.
/// The cause code is a JSON number on payments and a JSON string on customers and cards, as on the real API.</summary>
public sealed record MpError(int Status, string Error, string Message, JsonValue? Code, string? Description)
{
    public static MpError Payments(int status, string error, int code, string message, string? description = null) =>
        new(status, error, message, JsonValue.Create(code), description ?? message);

    public static MpError Customers(int status, string error, string code, string message, string? description = null) =>
        new(status, error, message, JsonValue.Create(code), description ?? message);

    /// <summary>The same error with a message naming what was wrong (e.g. the unknown parameter).</summary>
    public MpError WithMessage(string message) => this with { Message = message, Description = message };

    public JsonObject ToJson() => new()
    {
        ["message"] = Message,
        ["error"] = Error,
        ["status"] = Status,
        ["cause"] = Code is null
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["code"] = Code.DeepClone(), ["description"] = Description, ["data"] = null }),
    };

    public MpException Exception() => new(this);
}

public sealed class MpException(MpError error) : Exception(error.Message)
{
    public MpError Error { get; } = error;
}

/// <summary>Writes an <see cref="MpError"/> as the response: the single place the envelope leaves the server.
/// Fixture problems go out as one cause each, with the JSON path as the cause's data.</summary>
public sealed class MpErrorResult(MpError error, IReadOnlyList<Fixtures.FixtureProblem>? problems = null) : IResult
{
    public MpError Error => error;

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = error.Status;
        var body = error.ToJson();
        if (problems is not null)
            body["cause"] = new JsonArray(problems.Select(p => (JsonNode)new JsonObject
            {
                ["code"] = "fixture_invalid", ["description"] = $"{p.Path}: {p.Message}", ["data"] = p.Path,
            }).ToArray());
        return http.Response.WriteAsJsonAsync(body);
    }
}
