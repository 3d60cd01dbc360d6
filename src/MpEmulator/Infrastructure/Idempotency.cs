using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MpEmulator.Infrastructure;

/// <summary>A request already answered under an <c>X-Idempotency-Key</c>, with the answer to replay.</summary>
public sealed record IdempotentAnswer : IOwned
{
    public string Id { get; set; } = "";
    public long OwnerId { get; set; }
    public string BodyHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>How many replays came with a different body than the first request: a client bug worth showing.</summary>
    public int Mismatches { get; set; }
}

/// <summary>Mercado Pago's <c>X-Idempotency-Key</c>: required on payment and refund creation; the same key (per seller,
/// kept 24 h of emulator time) replays the first answer and creates nothing, even with a different body.</summary>
public sealed class Idempotency(Store store, IOptions<EmulatorOptions> options, ILogger<Idempotency> log)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    Table<string, IdempotentAnswer> Answers => store.Table("idempotency", (IdempotentAnswer a) => a.Id);

    public void Load() => _ = Answers;

    /// <summary>The request's key; a missing key is refused (code 4292) unless the setting relaxes it.</summary>
    public string? KeyOf(HttpRequest request)
    {
        var key = request.Headers["X-Idempotency-Key"].ToString();
        if (key.Length > 0) return key;
        return options.Value.RequireIdempotencyKey ? throw PaymentErrors.IdempotencyKeyMissing.Exception() : null;
    }

    public static string Hash(JsonObject body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));

    /// <summary>The earlier answer under this key, if one is still kept. Call inside the same write as <see cref="Remember"/>.
    /// A replay with a different body is flagged on the request's journal entry.</summary>
    public IdempotentAnswer? Earlier(HttpContext http, Seller seller, string scope, string? key, string bodyHash, DateTimeOffset now)
    {
        if (key is null || Answers.FindById(IdOf(seller, scope, key)) is not { } answer) return null;
        if (answer.CreatedAt + Retention <= now)
        {
            Answers.Delete(answer.Id);
            return null;
        }
        if (answer.BodyHash != bodyHash)
        {
            log.LogWarning("Idempotency key {Key} of seller {Seller} replayed with a different body", key, seller.Id);
            Answers.Update(answer with { Mismatches = answer.Mismatches + 1 });
            Journal.JournalMiddleware.Note(http, "idempotent replay with a different body");
        }
        return answer;
    }

    public void Remember(Seller seller, string scope, string? key, string bodyHash, int status, string? body, DateTimeOffset now)
    {
        if (key is null) return;
        Answers.Upsert(new IdempotentAnswer
        {
            Id = IdOf(seller, scope, key), OwnerId = seller.Id, BodyHash = bodyHash, StatusCode = status, Body = body, CreatedAt = now,
        });
    }

    /// <summary>A key is hashed into the id: any length fits the database's key limit.</summary>
    static string IdOf(Seller seller, string scope, string key) =>
        $"{seller.Id}:{scope}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";
}
