using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// Checks <see cref="MessagingOptions"/> at start, naming the setting that is wrong: the transport's own settings must be
/// there and well formed, and outside Development the AMQP endpoint must use TLS (<c>amqps://</c>) unless it is on loopback.
/// </summary>
public sealed class MessagingOptionsValidator(IHostEnvironment environment) : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add($"{MessagingOptions.Section}:Transport must be Amqp or ServiceBus.");
        }
        else if (options.IsServiceBus)
        {
            ValidateServiceBus(options, failures);
        }
        else
        {
            ValidateAmqp(options, environment.IsDevelopment(), failures);
        }

        if (options.SendTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{MessagingOptions.Section}:SendTimeout must be positive.");
        }

        if (options.MaxInlineDataBytes < 0)
        {
            failures.Add($"{MessagingOptions.Section}:MaxInlineDataBytes must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAmqp(MessagingOptions options, bool development, List<string> failures)
    {
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("amqp" or "amqps") || endpoint.Host.Length == 0)
        {
            failures.Add($"{MessagingOptions.Section}:Endpoint must be an amqps:// (or, in Development, amqp://) broker URL.");
            return;
        }

        // Credentials and records travel in the clear over plain AMQP; only Development, or a broker on this machine, may do that.
        if (endpoint.Scheme == "amqp" && !development && !endpoint.IsLoopback)
        {
            failures.Add($"{MessagingOptions.Section}:Endpoint uses plain amqp:// to {endpoint.Host}; outside Development use amqps:// (TLS).");
        }
    }

    private static void ValidateServiceBus(MessagingOptions options, List<string> failures)
    {
        var hasNamespace = !string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace);
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (hasNamespace == hasConnectionString)
        {
            failures.Add($"{MessagingOptions.Section}: with Transport ServiceBus set exactly one of FullyQualifiedNamespace (managed identity) or ConnectionString.");
            return;
        }

        if (hasNamespace && Uri.CheckHostName(options.FullyQualifiedNamespace) != UriHostNameType.Dns)
        {
            failures.Add($"{MessagingOptions.Section}:FullyQualifiedNamespace must be a host name such as <namespace>.servicebus.windows.net.");
        }

        if (hasConnectionString)
        {
            try
            {
                var parsed = ServiceBusConnectionStringProperties.Parse(options.ConnectionString);
                var hasKey = !string.IsNullOrEmpty(parsed.SharedAccessKeyName) && !string.IsNullOrEmpty(parsed.SharedAccessKey);
                if (parsed.Endpoint is null || (!hasKey && string.IsNullOrEmpty(parsed.SharedAccessSignature)))
                {
                    throw new FormatException("endpoint or key missing");
                }

                if (!string.IsNullOrEmpty(parsed.EntityPath))
                {
                    failures.Add($"{MessagingOptions.Section}:ConnectionString names one entity (EntityPath); the hub needs a namespace-level connection string.");
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                // The SDK's message is not repeated: a malformed connection string may still carry a key.
                failures.Add($"{MessagingOptions.Section}:ConnectionString is not a Service Bus connection string (Endpoint=sb://<ns>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...).");
            }
        }
    }
}
