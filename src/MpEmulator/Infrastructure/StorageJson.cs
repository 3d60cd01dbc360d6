using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MpEmulator.Infrastructure;

/// <summary>How documents are stored: the whole document as JSON (in one binary field of a LiteDB document), fields the
/// API hides included and the API's own formatting left out. Much faster to write and to load than LiteDB's mapper.</summary>
public static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { IncludeEverything } },
        MaxDepth = JsonBody.WriteDepth,
    };

    static void IncludeEverything(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties)
        {
            property.CustomConverter = null;
            if (property.Get is null && property.AttributeProvider is PropertyInfo { CanRead: true, CanWrite: true } info)
            {
                property.Get = info.GetValue;
                property.Set = info.SetValue;
                property.ShouldSerialize = null;
            }
        }
    }
}
