using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MpEmulator.Infrastructure;

/// <summary>Mercado Pago's wire JSON: snake_case, nulls written, dates with milliseconds and the emulator's offset.</summary>
public static class MpJson
{
    public static void Configure(JsonSerializerOptions o, TimeSpan offset)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.NumberHandling = JsonNumberHandling.Strict; // numbers are JSON numbers, in the wire and in the OpenAPI schemas
        o.MaxDepth = JsonBody.WriteDepth;
        o.Converters.Add(new MpDateConverter(offset));
    }

    public static JsonSerializerOptions Create(TimeSpan offset)
    {
        var o = new JsonSerializerOptions();
        Configure(o, offset);
        return o;
    }

    public const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

    public static string Format(DateTimeOffset value, TimeSpan offset) =>
        value.ToOffset(offset).ToString(DateFormat, CultureInfo.InvariantCulture);
}

sealed class MpDateConverter(TimeSpan offset) : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(MpJson.Format(value, offset));
}
