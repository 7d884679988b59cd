using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// Allocation-free access to the UTF-8 text of string values and property names. The document has already
/// checked the JSON grammar and the UTF-8; escapes are decoded here (not with GetString) so that escaped lone
/// surrogates never throw.
/// </summary>
internal static class JsonText
{
    /// <summary>The raw UTF-8 between the quotes of a string element (escapes not decoded).</summary>
    public static ReadOnlySpan<byte> RawStringContent(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return raw.Length >= 2 ? raw[1..^1] : ReadOnlySpan<byte>.Empty;
    }

    public static bool HasEscapes(ReadOnlySpan<byte> raw) => raw.IndexOf((byte)'\\') >= 0;

    /// <summary>Decodes raw JSON string content (with escapes) to UTF-16; lone escaped surrogates are kept.</summary>
    public static string Unescape(ReadOnlySpan<byte> raw)
    {
        var buffer = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var length = 0;
            var i = 0;
            while (i < raw.Length)
            {
                var backslash = raw[i..].IndexOf((byte)'\\');
                var runEnd = backslash < 0 ? raw.Length : i + backslash;
                if (runEnd > i)
                {
                    length += Encoding.UTF8.GetChars(raw[i..runEnd], buffer.AsSpan(length));
                }

                if (backslash < 0 || runEnd + 1 >= raw.Length)
                {
                    break;
                }

                var escape = raw[runEnd + 1];
                i = runEnd + 2;
                switch (escape)
                {
                    case (byte)'b': buffer[length++] = '\b'; break;
                    case (byte)'f': buffer[length++] = '\f'; break;
                    case (byte)'n': buffer[length++] = '\n'; break;
                    case (byte)'r': buffer[length++] = '\r'; break;
                    case (byte)'t': buffer[length++] = '\t'; break;
                    case (byte)'u':
                        buffer[length++] = i + 4 <= raw.Length ? (char)ParseHex4(raw.Slice(i, 4)) : '\uFFFD';
                        i += 4;
                        break;
                    default: buffer[length++] = (char)escape; break;
                }
            }

            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The decoded value of a string element.</summary>
    public static string GetString(JsonElement element)
    {
        var raw = RawStringContent(element);
        return HasEscapes(raw) ? Unescape(raw) : Encoding.UTF8.GetString(raw);
    }

    /// <summary>The decoded name of a property.</summary>
    public static string GetName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return HasEscapes(raw) ? Unescape(raw) : Encoding.UTF8.GetString(raw);
    }

    /// <summary>Unicode code points in valid UTF-8: every byte that is not a continuation byte starts one.</summary>
    public static long CountCodePoints(ReadOnlySpan<byte> utf8)
    {
        long count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Unicode code points in UTF-16; a lone surrogate counts as one.</summary>
    public static long CountCodePoints(ReadOnlySpan<char> text)
    {
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    private static int ParseHex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex)
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => 0,
            };
            value = (value << 4) | digit;
        }

        return value;
    }
}
