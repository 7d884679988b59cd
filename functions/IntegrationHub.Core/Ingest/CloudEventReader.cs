using System.Buffers;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// Reads CloudEvents from an HTTP request in structured, batched or binary mode
/// (CloudEvents HTTP protocol binding 1.0). Nothing here knows ASP.NET: the endpoint hands over
/// the content type, the <c>ce-*</c> headers and the body.
/// </summary>
public sealed class CloudEventReader(IngestLimits limits)
{
    public const string StructuredMediaType = "application/cloudevents+json";
    public const string BatchMediaType = "application/cloudevents-batch+json";

    public (ParsedRequest? Request, RequestProblem? Problem) Read(string? contentType, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        var (mediaType, charset) = ParseContentType(contentType);
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(415, "unsupported-media-type", "Unsupported charset", $"Only UTF-8 is accepted; the request says charset={charset}.");
        }

        // The batch prefix also starts with "application/cloudevents", so it is tested first.
        if (mediaType == BatchMediaType)
        {
            return ReadDocument(body, batched: true);
        }

        if (mediaType == StructuredMediaType)
        {
            return ReadDocument(body, batched: false);
        }

        if (mediaType == "application/json")
        {
            return ReadBinary(headers, body);
        }

        return Fail(415, "unsupported-media-type", "Unsupported media type",
            $"Content-Type '{contentType ?? "(none)"}' is not accepted. Use {StructuredMediaType} (one event), {BatchMediaType} (an array of events) or application/json with ce-* headers (binary mode).");
    }

    private (ParsedRequest?, RequestProblem?) ReadDocument(ReadOnlyMemory<byte> body, bool batched)
    {
        if (!TryParse(body, out var document, out var problem))
        {
            return (null, problem);
        }

        var root = document!.RootElement;
        if (!batched)
        {
            return (new ParsedRequest(document, [root], batched: false), null);
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            return Fail(400, "malformed-request", "Batch is not an array", $"A {BatchMediaType} body must be a JSON array of events.");
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            document.Dispose();
            return Fail(400, "empty-batch", "Empty batch", "The batch holds no events.");
        }

        if (count > limits.MaxBatchEvents)
        {
            document.Dispose();
            return Fail(413, "batch-too-large", "Batch too large", $"The batch holds {count} events; the limit is {limits.MaxBatchEvents}. Split it into smaller batches.");
        }

        var events = new JsonElement[count];
        var i = 0;
        foreach (var element in root.EnumerateArray())
        {
            events[i++] = element;
        }

        return (new ParsedRequest(document, events, batched: true), null);
    }

    private (ParsedRequest?, RequestProblem?) ReadBinary(IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (!name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var attribute = name[3..].ToLowerInvariant();
            if (attribute == "datacontenttype" || attribute == "data")
            {
                return Fail(400, "malformed-request", "Invalid binary-mode header", $"Header ce-{attribute} is not allowed in binary mode: the Content-Type header carries datacontenttype and the body carries data.");
            }

            if (!TryPercentDecode(value, out var decoded))
            {
                return Fail(400, "malformed-request", "Invalid header encoding", $"Header ce-{attribute} is not valid percent-encoded UTF-8.");
            }

            attributes[attribute] = decoded;
        }

        if (!attributes.ContainsKey("specversion"))
        {
            return Fail(400, "malformed-request", "Not a CloudEvent",
                $"An application/json body is read as a binary-mode CloudEvent and needs ce-specversion, ce-type, ce-source, ce-id and ce-time headers; for a structured event use {StructuredMediaType}.");
        }

        // The data becomes one level deeper in the rebuilt envelope, so it gets one level less than a structured event's body.
        if (!TryParse(body, out var data, out var problem, limits.MaxJsonDepth - 1))
        {
            return (null, problem);
        }

        // Rebuild the structured form, so one validator and one stored shape serve all three modes.
        var buffer = new ArrayBufferWriter<byte>(body.Length + 256);
        using (data)
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in attributes)
            {
                writer.WriteString(name, value);
            }

            writer.WriteString("datacontenttype", "application/json");
            writer.WritePropertyName("data");
            data!.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        var document = JsonDocument.Parse(buffer.WrittenMemory, DocumentOptions);
        return (new ParsedRequest(document, [document.RootElement], batched: false), null);
    }

    private static (ParsedRequest?, RequestProblem?) Fail(int status, string slug, string title, string detail) =>
        (null, new RequestProblem(status, slug, title, detail));

    private JsonDocumentOptions DocumentOptions => Options(limits.MaxJsonDepth);

    private static JsonDocumentOptions Options(int maxDepth) => new()
    {
        MaxDepth = maxDepth,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private bool TryParse(ReadOnlyMemory<byte> body, out JsonDocument? document, out RequestProblem? problem, int? maxDepth = null)
    {
        document = null;
        problem = null;
        var span = body.Span;
        if (span.Length == 0)
        {
            problem = new RequestProblem(400, "malformed-json", "Empty body", "The request body is empty.");
            return false;
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            problem = new RequestProblem(400, "malformed-json", "Byte order mark", "The body starts with a UTF-8 byte order mark, which JSON texts must not carry (RFC 8259 §8.1). Send the JSON without it.");
            return false;
        }

        // The parser does not check the bytes inside strings; reading them later would throw. Refuse them here.
        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            problem = new RequestProblem(400, "malformed-json", "Invalid UTF-8", "The body is not valid UTF-8; JSON texts must be UTF-8 encoded (RFC 8259 §8.1).");
            return false;
        }

        if (HasLoneSurrogateEscape(span))
        {
            problem = new RequestProblem(400, "malformed-json", "Invalid string escape",
                "A string escapes half of a UTF-16 surrogate pair (such as \\ud800 alone), which is not Unicode text (RFC 8259 §8.2). Send the character itself or a complete pair.");
            return false;
        }

        try
        {
            document = JsonDocument.Parse(body, Options(maxDepth ?? limits.MaxJsonDepth));
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            problem = new RequestProblem(400, "malformed-json", "Malformed JSON", $"The body is not valid JSON{where}: {Describe(e)}");
            return false;
        }

        return true;
    }

    // The parser accepts "\ud800" (half a surrogate pair); decoding it throws InvalidOperationException wherever that happens
    // (even inside JsonDocument.Parse, for property names). Decode every escaped string once, first, and refuse such a body.
    // Malformed JSON is left to the parse, which reports it with its position.
    private bool HasLoneSurrogateEscape(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }

        return false;
    }

    // The parser's messages can quote the input; keep only the reason, never record content.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return "nesting is deeper than the limit";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "a property name appears twice in one object";
        }

        if (message.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || message.Contains("invalid UTF", StringComparison.OrdinalIgnoreCase))
        {
            return "the text is not valid UTF-8";
        }

        if (message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || message.Contains("incomplete", StringComparison.OrdinalIgnoreCase))
        {
            return "the JSON text ends too early (truncated)";
        }

        return "unexpected or invalid token";
    }

    private static (string? MediaType, string? Charset) ParseContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return (null, null);
        }

        var parts = contentType.Split(';');
        string? charset = null;
        for (var i = 1; i < parts.Length; i++)
        {
            var parameter = parts[i].Trim();
            if (parameter.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                charset = parameter[8..].Trim('"');
            }
        }

        return (parts[0].Trim().ToLowerInvariant(), charset);
    }

    private static bool TryPercentDecode(string value, out string decoded)
    {
        decoded = value;
        if (!value.Contains('%'))
        {
            return true;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c > 0x7F)
            {
                return false;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }

        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
