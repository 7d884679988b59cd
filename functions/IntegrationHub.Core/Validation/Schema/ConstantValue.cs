using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// A value from <c>const</c> or <c>enum</c>, compared with JSON equality: numbers by value (1 == 1.0), objects
/// regardless of key order, arrays in order, strings by code units.
/// </summary>
internal sealed class ConstantValue
{
    /// <summary>Deeper values are refused at compile time so that comparing never recurses without bound.</summary>
    public const int MaxDepth = 64;

    private readonly JsonValueKind _kind;
    private readonly string? _text;
    private readonly byte[]? _utf8;
    private readonly SchemaNumber? _number;
    private readonly ConstantValue[]? _items;
    private readonly Dictionary<string, int>? _propertyIndex;

    private ConstantValue(JsonValueKind kind, string? text, byte[]? utf8, SchemaNumber? number, ConstantValue[]? items, Dictionary<string, int>? propertyIndex, string display)
    {
        _kind = kind;
        _text = text;
        _utf8 = utf8;
        _number = number;
        _items = items;
        _propertyIndex = propertyIndex;
        Display = display;
    }

    /// <summary>The value for error details: strings without quotes, anything else as compact JSON.</summary>
    public string Display { get; }

    /// <exception cref="FormatException">The value nests deeper than <see cref="MaxDepth"/>.</exception>
    public static ConstantValue FromElement(JsonElement element) => FromElement(element, 0);

    /// <summary>Whether any of <paramref name="values"/> equals the instance; a string is read only once.</summary>
    public static bool MatchesAny(ConstantValue[] values, JsonElement instance)
    {
        if (instance.ValueKind == JsonValueKind.String)
        {
            var raw = JsonText.RawStringContent(instance);
            if (!JsonText.HasEscapes(raw))
            {
                foreach (var value in values)
                {
                    if (value._utf8 is not null && raw.SequenceEqual(value._utf8))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        foreach (var value in values)
        {
            if (value.Matches(instance))
            {
                return true;
            }
        }

        return false;
    }

    public bool Matches(JsonElement instance)
    {
        var kind = instance.ValueKind;
        if (kind != _kind)
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.String:
            {
                var raw = JsonText.RawStringContent(instance);
                if (!JsonText.HasEscapes(raw))
                {
                    return _utf8 is not null && raw.SequenceEqual(_utf8);
                }

                return string.Equals(JsonText.Unescape(raw), _text, StringComparison.Ordinal);
            }

            case JsonValueKind.Number:
                return MatchesNumber(instance);
            case JsonValueKind.Array:
            {
                if (instance.GetArrayLength() != _items!.Length)
                {
                    return false;
                }

                var i = 0;
                foreach (var item in instance.EnumerateArray())
                {
                    if (!_items[i++].Matches(item))
                    {
                        return false;
                    }
                }

                return true;
            }

            case JsonValueKind.Object:
                return MatchesObject(instance);
            default:
                // null, true and false are fully described by the kind.
                return true;
        }
    }

    private bool MatchesNumber(JsonElement instance)
    {
        var raw = JsonMarshal.GetRawUtf8Value(instance);
        byte[]? rented = null;
        var digits = raw.Length <= JsonNumber.StackDigits
            ? stackalloc byte[JsonNumber.StackDigits]
            : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            return JsonNumber.AreEqual(JsonNumber.Parse(raw, digits), _number!.View);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private bool MatchesObject(JsonElement instance)
    {
        if (instance.GetPropertyCount() != _items!.Length)
        {
            return false;
        }

        // Equal counts plus every instance name matching a distinct constant name means equal key sets.
        var seen = new bool[_items.Length];
        foreach (var property in instance.EnumerateObject())
        {
            if (!_propertyIndex!.TryGetValue(JsonText.GetName(property), out var index) || seen[index])
            {
                return false;
            }

            seen[index] = true;
            if (!_items[index].Matches(property.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static ConstantValue FromElement(JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"the value nests deeper than {MaxDepth} levels");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
            {
                var text = JsonText.GetString(element);
                return new ConstantValue(JsonValueKind.String, text, ToUtf8OrNull(text), null, null, null, text);
            }

            case JsonValueKind.Number:
                return new ConstantValue(JsonValueKind.Number, null, null, SchemaNumber.FromElement(element), null, null, element.GetRawText());
            case JsonValueKind.Array:
            {
                var items = new ConstantValue[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items[i++] = FromElement(item, depth + 1);
                }

                return new ConstantValue(JsonValueKind.Array, null, null, null, items, null, Compact(element));
            }

            case JsonValueKind.Object:
            {
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                var values = new List<ConstantValue>();
                foreach (var property in element.EnumerateObject())
                {
                    var name = JsonText.GetName(property);
                    if (!index.TryAdd(name, values.Count))
                    {
                        throw new FormatException($"the object repeats the property '{name}'");
                    }

                    values.Add(FromElement(property.Value, depth + 1));
                }

                return new ConstantValue(JsonValueKind.Object, null, null, null, values.ToArray(), index, Compact(element));
            }

            default:
                return new ConstantValue(element.ValueKind, null, null, null, null, null, element.GetRawText());
        }
    }

    private static byte[]? ToUtf8OrNull(string text)
    {
        // A lone surrogate has no UTF-8 form; such constants are compared as UTF-16 instead.
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]))
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return null;
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
