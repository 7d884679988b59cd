namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// A parsed Service Bus shared-access connection string:
/// <c>Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…[;EntityPath=…]</c>.
/// </summary>
/// <remarks>
/// Neither error messages nor <see cref="ToString"/> ever contain the key: connection strings end up in
/// start-up failures and logs.
/// </remarks>
public sealed class ServiceBusConnectionString
{
    private const string EndpointPart = "Endpoint";
    private const string KeyNamePart = "SharedAccessKeyName";
    private const string KeyPart = "SharedAccessKey";
    private const string EntityPathPart = "EntityPath";

    private static readonly HashSet<string> KnownParts = new(StringComparer.OrdinalIgnoreCase)
    {
        EndpointPart, KeyNamePart, KeyPart, EntityPathPart,
    };

    private ServiceBusConnectionString(Uri endpoint, string sharedAccessKeyName, string sharedAccessKey, string? entityPath)
    {
        Endpoint = endpoint;
        SharedAccessKeyName = sharedAccessKeyName;
        SharedAccessKey = sharedAccessKey;
        EntityPath = entityPath;
    }

    /// <summary>The namespace endpoint, e.g. <c>sb://contoso.servicebus.windows.net/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The namespace host, e.g. <c>contoso.servicebus.windows.net</c>.</summary>
    public string FullyQualifiedNamespace => Endpoint.Host;

    /// <summary>The shared access policy name.</summary>
    public string SharedAccessKeyName { get; }

    /// <summary>The shared access policy key. Never log it.</summary>
    public string SharedAccessKey { get; }

    /// <summary>The entity the policy belongs to when the connection string is entity-scoped; otherwise null.</summary>
    public string? EntityPath { get; }

    /// <summary>Parses <paramref name="connectionString"/>.</summary>
    /// <exception cref="FormatException">A part is missing, empty, repeated or malformed; the message names the part.</exception>
    public static ServiceBusConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];

            // Split at the first '=' only: base64 keys end with '='.
            var separator = segment.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                // The text is not echoed: a malformed part may be a piece of the key.
                throw new FormatException(
                    $"The Service Bus connection string's part {index + 1} is not of the form Name=value.");
            }

            var name = segment[..separator].Trim();
            var value = segment[(separator + 1)..].Trim();
            if (!KnownParts.Contains(name))
            {
                // Other settings (e.g. TransportType) do not concern AMQP authorization. Their names are
                // never echoed: a stray piece of a key would read as a name.
                continue;
            }

            if (!parts.TryAdd(name, value))
            {
                throw new FormatException($"The Service Bus connection string has '{name}' more than once.");
            }
        }

        var endpointText = Required(parts, EndpointPart);
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || string.IsNullOrEmpty(endpoint.Host))
        {
            throw new FormatException(
                $"The Service Bus connection string's '{EndpointPart}' must be an absolute URI such as sb://contoso.servicebus.windows.net/, not '{endpointText}'.");
        }

        var keyName = Required(parts, KeyNamePart);
        var key = Required(parts, KeyPart);
        if (keyName.Length > SharedAccessSignature.MaximumKeyLength)
        {
            throw new FormatException($"The Service Bus connection string's '{KeyNamePart}' is longer than {SharedAccessSignature.MaximumKeyLength} characters.");
        }

        if (key.Length > SharedAccessSignature.MaximumKeyLength)
        {
            throw new FormatException($"The Service Bus connection string's '{KeyPart}' is longer than {SharedAccessSignature.MaximumKeyLength} characters.");
        }

        string? entityPath = null;
        if (parts.TryGetValue(EntityPathPart, out var entityPathText))
        {
            if (entityPathText.Length == 0)
            {
                throw new FormatException($"The Service Bus connection string's '{EntityPathPart}' is empty.");
            }

            entityPath = entityPathText;
        }

        return new ServiceBusConnectionString(endpoint, keyName, key, entityPath);
    }

    /// <summary>The connection string without its key.</summary>
    public override string ToString() =>
        $"{EndpointPart}={Endpoint};{KeyNamePart}={SharedAccessKeyName}" + (EntityPath is null ? string.Empty : $";{EntityPathPart}={EntityPath}");

    private static string Required(Dictionary<string, string> parts, string name)
    {
        if (!parts.TryGetValue(name, out var value))
        {
            throw new FormatException($"The Service Bus connection string has no '{name}'.");
        }

        if (value.Length == 0)
        {
            throw new FormatException($"The Service Bus connection string's '{name}' is empty.");
        }

        return value;
    }
}
