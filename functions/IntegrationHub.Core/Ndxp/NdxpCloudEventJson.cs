using System.Globalization;
using System.Text.Json;
using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// A received CloudEvent in the JSON event format (structured mode, <c>application/cloudevents+json</c>): every attribute
/// as a member, timestamps as RFC 3339 UTC, JSON data as <c>data</c>, any other data as <c>data_base64</c>. A record that
/// travelled by claim check keeps its <c>dataref</c> and has no data.
/// </summary>
public static class NdxpCloudEventJson
{
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The event as UTF-8 JSON; null when it lacks an attribute CloudEvents requires (id, source, type, specversion).</summary>
    public static byte[]? Write(ReceivedCloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        foreach (var required in new[] { "id", "source", "type", "specversion" })
        {
            if (cloudEvent.Attributes.GetValueOrDefault(required) is not string { Length: > 0 })
            {
                return null;
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in cloudEvent.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            if (cloudEvent.Data.Length > 0)
            {
                var contentType = cloudEvent.Attributes.GetValueOrDefault("datacontenttype") as string;
                if (IsJson(contentType) && IsValidJson(cloudEvent.Data))
                {
                    writer.WritePropertyName("data");
                    writer.WriteRawValue(cloudEvent.Data, skipInputValidation: true);
                }
                else
                {
                    writer.WriteBase64String("data_base64", cloudEvent.Data);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long or int or short or byte or uint or ulong:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                writer.WriteStringValue(DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                break;
            case Uri uri:
                writer.WriteStringValue(uri.ToString());
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is null || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    private static bool IsValidJson(byte[] data)
    {
        var reader = new Utf8JsonReader(data);
        try
        {
            return JsonDocument.TryParseValue(ref reader, out var document) && Dispose(document);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Dispose(JsonDocument? document)
    {
        document?.Dispose();
        return true;
    }
}
