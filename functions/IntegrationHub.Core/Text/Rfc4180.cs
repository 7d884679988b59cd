using System.Text;

namespace IntegrationHub.Core.Text;

/// <summary>
/// CSV records per RFC 4180: fields joined by commas, CRLF after every record, a field quoted (its quotes doubled) when it
/// holds a comma, a quote, CR or LF; the text encoded as UTF-8 without a byte order mark. The open-data export and the
/// periodic reports write their CSV with it.
/// </summary>
public static class Rfc4180
{
    public static void AppendRecord(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Field));
        text.Append("\r\n");
    }

    public static byte[] Encode(StringBuilder text) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
