using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Validation;

/// <summary>RFC 6901 JSON Pointers: resolving them in a document and escaping reference tokens (the rules, the schema's error pointers).</summary>
public static class JsonPointer
{
    public static bool TryResolve(JsonElement root, string pointer, out JsonElement value)
    {
        value = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            return false;
        }

        var start = 1;
        while (start <= pointer.Length)
        {
            var end = pointer.IndexOf('/', start);
            if (end < 0)
            {
                end = pointer.Length;
            }

            var token = Unescape(pointer.AsSpan(start, end - start));
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    if (!value.TryGetProperty(token, out value))
                    {
                        return false;
                    }

                    break;
                case JsonValueKind.Array:
                    if (!int.TryParse(token, out var index) || index < 0 || index >= value.GetArrayLength())
                    {
                        return false;
                    }

                    value = value[index];
                    break;
                default:
                    return false;
            }

            start = end + 1;
        }

        return true;
    }

    public static string Escape(string token) =>
        token.AsSpan().IndexOfAny('~', '/') < 0 ? token : token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Appends <c>/</c> and the escaped <paramref name="token"/> (the schema builds its error pointers this way).</summary>
    public static void AppendSegment(StringBuilder builder, string token)
    {
        builder.Append('/');
        foreach (var c in token)
        {
            switch (c)
            {
                case '~':
                    builder.Append("~0");
                    break;
                case '/':
                    builder.Append("~1");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    private static string Unescape(ReadOnlySpan<char> token)
    {
        if (token.IndexOf('~') < 0)
        {
            return token.ToString();
        }

        var builder = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '~' && i + 1 < token.Length)
            {
                builder.Append(token[i + 1] == '1' ? '/' : '~');
                i++;
            }
            else
            {
                builder.Append(token[i]);
            }
        }

        return builder.ToString();
    }
}
