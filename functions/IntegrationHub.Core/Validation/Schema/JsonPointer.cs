using System.Text;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>RFC 6901 helpers.</summary>
internal static class JsonPointer
{
    public static string EscapeSegment(string name)
    {
        if (name.AsSpan().IndexOfAny('~', '/') < 0)
        {
            return name;
        }

        return name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    public static void AppendSegment(StringBuilder builder, string name)
    {
        builder.Append('/');
        foreach (var c in name)
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
}
