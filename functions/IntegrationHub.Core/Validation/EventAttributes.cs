using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// The checks on an event's attributes that the envelope schema cannot state: extension attributes become AMQP application
/// properties of the published message, so their names follow the CloudEvents naming rule, the names the hub sets itself
/// cannot be taken in any case, and their size is bounded, since a broker that refuses an oversized message would have the
/// event retried forever. Control characters in <c>id</c> and extension values would reach logs, headers and consumers.
/// </summary>
public static class EventAttributes
{
    /// <summary>The largest extension attribute value, in UTF-8 bytes.</summary>
    public const int MaxExtensionValueBytes = 1024;

    /// <summary>
    /// The largest total of the event's attributes other than <c>data</c> as message properties: for each,
    /// <c>cloudEvents:</c> + name + value in UTF-8 bytes.
    /// </summary>
    public const int MaxAttributesBytes = 8 * 1024;

    private const int PrefixBytes = 12; // "cloudEvents:"

    /// <summary>The CloudEvents 1.0 context attributes and <c>data</c>; only their exact lowercase spelling is the attribute.</summary>
    public static IReadOnlySet<string> CoreAttributes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time", "data",
    };

    /// <summary>The extension attributes the hub sets on every published event; a sender may not set them, in any spelling.</summary>
    public static IReadOnlySet<string> HubAttributes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "recvtime", "contractversion", "senderapp", "sendertenant", "dataref",
    };

    // data_base64 is core too, but the hub takes JSON data only: it is refused like a forged attribute.
    private static readonly HashSet<string> CoreIgnoringCase = new([.. CoreAttributes, "data_base64"], StringComparer.OrdinalIgnoreCase);

    /// <summary>True for the hub's own attributes, whatever their case: never taken from a sender's event.</summary>
    public static bool IsHubAttribute(string name) => HubAttributes.Contains(name);

    public static void Check(JsonElement evt, ICollection<ValidationError> errors)
    {
        var total = 0;
        string? overflowAt = null;
        foreach (var attribute in evt.EnumerateObject())
        {
            var name = attribute.Name;
            var pointer = "/" + JsonPointer.Escape(name);
            if (name == "data")
            {
                continue;
            }

            total += PrefixBytes + Encoding.UTF8.GetByteCount(name) + ValueBytes(attribute.Value);
            if (total > MaxAttributesBytes && overflowAt is null)
            {
                overflowAt = pointer;
            }

            if (CoreAttributes.Contains(name))
            {
                if (name == "id" && attribute.Value.ValueKind == JsonValueKind.String && HasControlCharacter(attribute.Value.GetString()!))
                {
                    errors.Add(new ValidationError(pointer, "must not contain control characters (CR, LF, tab and the like)"));
                }

                continue;
            }

            if (IsHubAttribute(name) || CoreIgnoringCase.Contains(name))
            {
                errors.Add(new ValidationError(pointer, $"'{name}' is reserved: the CloudEvents attributes and the hub's own ({string.Join(", ", HubAttributes)}) cannot be sent in any spelling"));
                continue;
            }

            if (!IsExtensionName(name))
            {
                errors.Add(new ValidationError(pointer, "an extension attribute name must be 1 to 20 lowercase ASCII letters or digits (CloudEvents naming rule)"));
                continue;
            }

            CheckExtensionValue(attribute.Value, pointer, errors);
        }

        if (overflowAt is not null)
        {
            errors.Add(new ValidationError(overflowAt,
                $"the event's attributes (all but data) take {total} bytes as message properties; the limit is {MaxAttributesBytes}"));
        }
    }

    private static void CheckExtensionValue(JsonElement value, string pointer, ICollection<ValidationError> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (Encoding.UTF8.GetByteCount(text) > MaxExtensionValueBytes)
                {
                    errors.Add(new ValidationError(pointer, $"an extension attribute value may hold at most {MaxExtensionValueBytes} bytes (UTF-8)"));
                }
                else if (HasControlCharacter(text))
                {
                    errors.Add(new ValidationError(pointer, "must not contain control characters (CR, LF, tab and the like)"));
                }

                break;
            case JsonValueKind.Number:
                if (value.GetRawText().Length > MaxExtensionValueBytes)
                {
                    errors.Add(new ValidationError(pointer, $"an extension attribute value may hold at most {MaxExtensionValueBytes} bytes"));
                }

                break;
            case JsonValueKind.True or JsonValueKind.False:
                break;
            default:
                errors.Add(new ValidationError(pointer, "an extension attribute must be a string, a number or a boolean (CloudEvents type system)"));
                break;
        }
    }

    private static int ValueBytes(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? Encoding.UTF8.GetByteCount(value.GetString()!)
        : value.GetRawText().Length;

    private static bool IsExtensionName(string name)
    {
        if (name.Length is 0 or > 20)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    // C0 controls, DEL and C1 controls (Unicode category Cc).
    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
