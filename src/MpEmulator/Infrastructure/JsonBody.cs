using System.Text.Json;
using System.Text.Json.Nodes;

namespace MpEmulator.Infrastructure;

/// <summary>Reads a request body as a JSON object, refusing oversized or malformed input with the slice's own error.</summary>
public static class JsonBody
{
    public const int MaxBytes = 1 << 20;

    /// <summary>Bodies nest at most 64 deep (the parser's limit), but what they hold is written back inside other
    /// documents (metadata in a payment in a search page, a rule in an export), so writers allow deeper nesting.</summary>
    public const int WriteDepth = 256;

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, MpError malformed) =>
        await ReadAsync(request, malformed) as JsonObject ?? throw malformed.Exception();

    /// <summary>A JSON object or array (an empty body is an empty object), checked as <see cref="ReadObjectAsync"/> does.</summary>
    public static async Task<JsonNode> ReadAsync(HttpRequest request, MpError malformed)
    {
        if (request.ContentLength > MaxBytes) throw MpErrors.BodyTooLarge.Exception();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw MpErrors.BodyTooLarge.Exception();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 || IsBlank(buffer)) return new JsonObject();
        try
        {
            var body = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: Strict);
            return body is JsonObject or JsonArray && IsText(body) ? body : throw malformed.Exception();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw malformed.Exception();
        }
    }

    /// <summary>Every name and string is valid Unicode: a lone surrogate (<c>"\ud800"</c>) or bytes that are not UTF-8
    /// would be accepted by the parser and fail later, when the document is written.</summary>
    static bool IsText(JsonNode? node) => node switch
    {
        JsonObject o => o.All(p => IsText(p.Key) && IsText(p.Value)),
        JsonArray a => a.All(IsText),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => IsText(v.GetValue<string>()),
        _ => true,
    };

    static bool IsText(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (char.IsSurrogate(text[i]) && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
                return false;
        return true;
    }

    /// <summary>Duplicate property names are refused while parsing: a <see cref="JsonObject"/> would otherwise only throw
    /// (an <see cref="ArgumentException"/>, so a 500) when a field is first read.</summary>
    static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    static bool IsBlank(MemoryStream s) => s.GetBuffer().AsSpan(0, (int)s.Length).Trim(" \t\r\n"u8).IsEmpty;
}

/// <summary>Typed, error-coded access to the fields of a request object. JSON null counts as absent.</summary>
public readonly struct JsonFields(JsonObject obj)
{
    public JsonObject Object => obj;

    public bool Has(string name) => obj[name] is not null;

    public IEnumerable<string> Names => obj.Select(p => p.Key);

    public string? String(string name, MpError wrongType, bool acceptNumber = false)
    {
        if (obj[name] is not JsonValue v) return obj[name] is null ? null : throw wrongType.Exception();
        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number when acceptNumber => v.ToJsonString(),
            _ => throw wrongType.Exception(),
        };
    }

    public long? Long(string name, MpError wrongType, bool acceptString = false)
    {
        if (obj[name] is not JsonValue v) return obj[name] is null ? null : throw wrongType.Exception();
        return v.GetValueKind() switch
        {
            JsonValueKind.Number when Number(v) is { } d && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
            JsonValueKind.String when acceptString && long.TryParse(v.GetValue<string>(), out var s) => s,
            _ => throw wrongType.Exception(),
        };
    }

    public int? Int(string name, MpError wrongType, bool acceptString = false) =>
        Long(name, wrongType, acceptString) is { } l ? l is >= int.MinValue and <= int.MaxValue ? (int)l : throw wrongType.Exception() : null;

    public decimal? Decimal(string name, MpError wrongType)
    {
        if (obj[name] is not JsonValue v) return obj[name] is null ? null : throw wrongType.Exception();
        return v.GetValueKind() == JsonValueKind.Number && Number(v) is { } d ? d : throw wrongType.Exception();
    }

    /// <summary>A JSON number as a decimal, whether it was parsed from text or built in code (an int, a double).</summary>
    static decimal? Number(JsonValue v) =>
        decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    public bool? Bool(string name, MpError wrongType)
    {
        if (obj[name] is not JsonValue v) return obj[name] is null ? null : throw wrongType.Exception();
        return v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw wrongType.Exception(),
        };
    }

    public JsonFields? Child(string name, MpError wrongType) => obj[name] switch
    {
        null => null,
        JsonObject o => new JsonFields(o),
        _ => throw wrongType.Exception(),
    };

    /// <summary>A free-form object (metadata and the like), detached from the request so it can be stored.</summary>
    public JsonObject? Raw(string name, MpError wrongType) => obj[name] switch
    {
        null => null,
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => throw wrongType.Exception(),
    };
}
