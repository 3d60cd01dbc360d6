using System.Text;
using CsCheck;

namespace MpEmulator.Tests.Fuzz;

/// <summary>Hostile input as CsCheck generators: JSON values as raw text (so they can be what no serializer writes:
/// lone surrogates, numbers past any type, nesting past the limit), whole bodies as bytes, path and query values.</summary>
static class Hostile
{
    static string Quoted(string text) => "\"" + string.Concat(text.Select(c =>
        c is < ' ' or > '~' or '"' or '\\' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";

    static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    public static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.String[0, 30]),
        (1, Gen.Char[(char)0xD800, (char)0xDFFF].Select(c => c.ToString())),
        (6, Gen.OneOf("", " ", "null", "-1", "0", "1.5", "1e309", "NaN", "99999999999999999999999", "ñandú ✓ 😀", "\u202e", "../../x",
            "<script>", "a@b", "2026-13-45T25:61:61Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "NOW-99999999999DAYS",
            "NOW-2147483647YEARS", "P9000Y", "P10675199D", "PT-1H", "TEST-1-1", new string('x', 300), new string('a', 20_000))));

    /// <summary>A JSON value as text.</summary>
    public static readonly Gen<string> Value = Gen.Frequency(
        (4, Text.Select(Quoted)),
        (4, Gen.OneOf("null", "true", "false", "0", "-0", "-1", "1.5", "0.0000000000000000000000000001", "1e308", "-1e308", "1e309",
            "5e-324", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999999", "79228162514264337593543950336",
            "[]", "[1,\"a\",null]", "{}", "{\"a\":{\"b\":[1]}}", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "{\"a\":1,\"a\":2}")),
        (1, Gen.Int[60, 70].Select(Nested)),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0")),
        (1, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>Whole bodies no valid request has.</summary>
    public static readonly Gen<byte[]> RawBody = Gen.Frequency(
        (6, Gen.OneOf("", " ", "{", "}", "{\"a\":", "{\"a\":1,}", "{'a':1}", "null", "[]", "123", "\"text\"", "{\"a\":1}{\"b\":2}",
                "{\"a\" 1}", "{\"\\ud800\":1}", "[{\"a\":1}]", "true", "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}",
                "{\"a\":Infinity}", "{\"a\":tru}", "\u00ef\u00bb\u00bf{}")
            .Select(Encoding.UTF8.GetBytes)),
        (2, Gen.OneOf<byte[]>(
            [(byte)'{', (byte)'"', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'],
            [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
            [(byte)'{', (byte)'"', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)'}'],
            [0xFE, 0xFF, 0, (byte)'{', 0, (byte)'}'])),
        (1, Gen.Int[65, 20_000].Select(n => Encoding.ASCII.GetBytes(Nested(n)))),
        (1, Gen.Byte.Array[0, 200]));

    /// <summary>A path segment, already escaped (some escapes decode to bytes that are not UTF-8).</summary>
    public static readonly Gen<string> Segment = Gen.Frequency(
        (4, Gen.OneOf("0", "-1", "1.5", "99999999999999999999", "9223372036854775807", "abc", "%20", "%2F", "%25", "%C3%B1", "%F0%9F%98%80",
            "%C3%28", "%ED%A0%80", "%FF", "..", ".", "null", "1e3", "0x10", new string('9', 2000), new string('z', 5000))),
        (1, Text.Select(Escape)));

    public static readonly Gen<string> QueryValue = Gen.Frequency(
        (3, Text.Select(Escape)),
        (1, Gen.OneOf("%C3%28", "%ED%A0%80", "%FF", "%", "%G1", "a&b=c", "1,2,3", "-99999999999")));

    public static string Escape(string text)
    {
        try { return Uri.EscapeDataString(text); }
        catch (UriFormatException) { return "%ED%A0%80"; }
    }
}
