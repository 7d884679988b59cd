using System.Text;

namespace IntegrationHub.IntegrationTests.Classification;

/// <summary>A strict RFC 4180 reader for the tests: records end in CRLF, quoted fields double their quotes; anything else is an error.</summary>
public static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"a quote inside an unquoted field at {i}");
                    }

                    field.Append(text[i++]);
                }
            }

            record.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
            else if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                throw new FormatException($"a record must end in CRLF (at {i})");
            }
        }

        return records;
    }
}
