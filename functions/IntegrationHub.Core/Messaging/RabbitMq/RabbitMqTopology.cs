using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.Core.Messaging.RabbitMq;

/// <summary>
/// Maps the catalogue's topology onto RabbitMQ, the local and CI stand-in for Service Bus: a topic
/// is a durable topic exchange; a subscription is a durable quorum queue <c>&lt;topic&gt;.&lt;sub&gt;</c>
/// bound with <c>#</c>, with a delivery limit and a dead-letter queue <c>&lt;topic&gt;.&lt;sub&gt;.dlq</c>.
/// AMQP 1.0 cannot create any of this, so it is declared over AMQP 0-9-1 (or imported from
/// <see cref="ToDefinitionsJson"/>).
/// </summary>
public static class RabbitMqTopology
{
    /// <summary>Suffix of a subscription's dead-letter queue.</summary>
    public const string DeadLetterSuffix = ".dlq";

    private const string BindAll = "#";
    private const int NotFound = 404;
    private const int PreconditionFailed = 406;

    /// <summary>The queue that holds subscription <paramref name="subscription"/> of <paramref name="topic"/>.</summary>
    public static string QueueName(string topic, string subscription) => $"{topic}.{subscription}";

    /// <summary>The dead-letter queue of a subscription.</summary>
    public static string DeadLetterQueueName(string topic, string subscription) =>
        QueueName(topic, subscription) + DeadLetterSuffix;

    /// <summary>AMQP 1.0 target address to publish to a topic; the message's subject is the routing key.</summary>
    public static string SendAddress(string topic) => "/exchange/" + topic;

    /// <summary>AMQP 1.0 source address to consume a queue (a subscription or its dead-letter queue).</summary>
    public static string ReceiveAddress(string queue) => "/amq/queue/" + queue;

    /// <summary>
    /// Declares every exchange, queue and binding of <paramref name="topology"/>. Idempotent: what
    /// already exists with the same settings is left as it is; an entity that exists with other
    /// settings (say another delivery limit) makes it throw <see cref="InvalidOperationException"/>.
    /// </summary>
    public static async Task DeclareAsync(
        MessagingTopology topology, RabbitMqTopologyOptions options, CancellationToken cancellationToken)
    {
        Validate(topology, options);
        await using var connection = await CreateConnectionAsync(options, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);

        foreach (var topic in topology.Topics)
        {
            await DeclareEntityAsync(
                $"exchange '{topic.Name}'",
                () => channel.ExchangeDeclareAsync(
                    topic.Name, ExchangeType.Topic, durable: true, autoDelete: false,
                    arguments: null, cancellationToken: cancellationToken));

            foreach (var subscription in topic.Subscriptions)
            {
                var queue = QueueName(topic.Name, subscription);
                var deadLetterQueue = DeadLetterQueueName(topic.Name, subscription);

                // The dead-letter queue first, so nothing is ever dead-lettered into a void.
                await DeclareEntityAsync(
                    $"queue '{deadLetterQueue}'",
                    () => channel.QueueDeclareAsync(
                        deadLetterQueue, durable: true, exclusive: false, autoDelete: false,
                        arguments: DeadLetterQueueArguments(), cancellationToken: cancellationToken));
                await DeclareEntityAsync(
                    $"queue '{queue}'",
                    () => channel.QueueDeclareAsync(
                        queue, durable: true, exclusive: false, autoDelete: false,
                        arguments: SubscriptionQueueArguments(deadLetterQueue, options.DeliveryLimit),
                        cancellationToken: cancellationToken));
                await channel.QueueBindAsync(queue, topic.Name, BindAll, cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>
    /// Names every exchange and queue of <paramref name="topology"/> that does not exist (as
    /// <c>exchange &lt;name&gt;</c> or <c>queue &lt;name&gt;</c>), so the hub can refuse to publish into a void:
    /// RabbitMQ's AMQP 1.0 plugin drops messages sent to a missing destination without an error.
    /// Bindings and queue arguments cannot be checked passively.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindMissingAsync(
        MessagingTopology topology, RabbitMqTopologyOptions options, CancellationToken cancellationToken)
    {
        Validate(topology, options);
        var missing = new List<string>();
        await using var connection = await CreateConnectionAsync(options, cancellationToken);
        IChannel? channel = null;
        try
        {
            foreach (var (kind, name) in Entities(topology))
            {
                channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    if (kind == "exchange")
                    {
                        await channel.ExchangeDeclarePassiveAsync(name, cancellationToken);
                    }
                    else
                    {
                        await channel.QueueDeclarePassiveAsync(name, cancellationToken);
                    }
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
                {
                    // A failed passive declare closes the channel; the next check opens another.
                    missing.Add($"{kind} {name}");
                    await channel.DisposeAsync();
                    channel = null;
                }
            }
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
        }

        return missing;
    }

    /// <summary>
    /// The topology as a RabbitMQ definitions file, for operators
    /// (<c>rabbitmqctl import_definitions FILE</c>): the virtual host, exchanges, queues with their
    /// arguments, and bindings, exactly as <see cref="DeclareAsync"/> declares them.
    /// </summary>
    public static string ToDefinitionsJson(MessagingTopology topology, RabbitMqTopologyOptions options)
    {
        Validate(topology, options);
        var vhost = options.VirtualHost;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();

            json.WriteStartArray("vhosts");
            json.WriteStartObject();
            json.WriteString("name", vhost);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("exchanges");
            foreach (var topic in topology.Topics)
            {
                json.WriteStartObject();
                json.WriteString("name", topic.Name);
                json.WriteString("vhost", vhost);
                json.WriteString("type", ExchangeType.Topic);
                json.WriteBoolean("durable", true);
                json.WriteBoolean("auto_delete", false);
                json.WriteBoolean("internal", false);
                json.WriteStartObject("arguments");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("queues");
            foreach (var topic in topology.Topics)
            {
                foreach (var subscription in topic.Subscriptions)
                {
                    var deadLetterQueue = DeadLetterQueueName(topic.Name, subscription);
                    WriteQueue(json, QueueName(topic.Name, subscription), vhost,
                        SubscriptionQueueArguments(deadLetterQueue, options.DeliveryLimit));
                    WriteQueue(json, deadLetterQueue, vhost, DeadLetterQueueArguments());
                }
            }

            json.WriteEndArray();

            json.WriteStartArray("bindings");
            foreach (var topic in topology.Topics)
            {
                foreach (var subscription in topic.Subscriptions)
                {
                    json.WriteStartObject();
                    json.WriteString("source", topic.Name);
                    json.WriteString("vhost", vhost);
                    json.WriteString("destination", QueueName(topic.Name, subscription));
                    json.WriteString("destination_type", "queue");
                    json.WriteString("routing_key", BindAll);
                    json.WriteStartObject("arguments");
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Dictionary<string, object?> SubscriptionQueueArguments(string deadLetterQueue, int deliveryLimit) =>
        new()
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = deliveryLimit,
            // The default exchange routes by queue name, so no dead-letter exchange is needed.
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-dead-letter-routing-key"] = deadLetterQueue,
        };

    private static Dictionary<string, object?> DeadLetterQueueArguments() =>
        new() { ["x-queue-type"] = "quorum" };

    private static void WriteQueue(Utf8JsonWriter json, string name, string vhost, Dictionary<string, object?> arguments)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("vhost", vhost);
        json.WriteBoolean("durable", true);
        json.WriteBoolean("auto_delete", false);
        json.WriteStartObject("arguments");
        foreach (var (key, value) in arguments)
        {
            switch (value)
            {
                case int number:
                    json.WriteNumber(key, number);
                    break;
                case string text:
                    json.WriteString(key, text);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected queue argument type for {key}.");
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static IEnumerable<(string Kind, string Name)> Entities(MessagingTopology topology)
    {
        foreach (var topic in topology.Topics)
        {
            yield return ("exchange", topic.Name);
            foreach (var subscription in topic.Subscriptions)
            {
                yield return ("queue", QueueName(topic.Name, subscription));
                yield return ("queue", DeadLetterQueueName(topic.Name, subscription));
            }
        }
    }

    private static async Task DeclareEntityAsync(string entity, Func<Task> declare)
    {
        try
        {
            await declare();
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            throw new InvalidOperationException(
                $"RabbitMQ refused to declare {entity}: it exists with other settings " +
                $"({e.ShutdownReason.ReplyText}). Delete it or align the topology options.", e);
        }
    }

    private static Task<IConnection> CreateConnectionAsync(RabbitMqTopologyOptions options, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            UserName = options.User,
            Password = options.Password,
            VirtualHost = options.VirtualHost,
            ClientProvidedName = "integrationhub-topology",
            AutomaticRecoveryEnabled = false,
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }

    private static void Validate(MessagingTopology topology, RabbitMqTopologyOptions options)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        if (options.DeliveryLimit < 1)
        {
            throw new ArgumentException($"DeliveryLimit must be at least 1, got {options.DeliveryLimit}.", nameof(options));
        }

        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in topology.Topics)
        {
            ValidateName(topic.Name, "topic");
            if (!topics.Add(topic.Name))
            {
                throw new ArgumentException($"Topic '{topic.Name}' appears twice.", nameof(topology));
            }

            var subscriptions = new HashSet<string>(StringComparer.Ordinal);
            foreach (var subscription in topic.Subscriptions)
            {
                ValidateName(subscription, $"subscription of '{topic.Name}'");
                if (!subscriptions.Add(subscription))
                {
                    throw new ArgumentException($"Subscription '{subscription}' of '{topic.Name}' appears twice.", nameof(topology));
                }

                // RabbitMQ names are at most 255 bytes; the dead-letter queue's is the longest.
                if (Encoding.UTF8.GetByteCount(DeadLetterQueueName(topic.Name, subscription)) > 255)
                {
                    throw new ArgumentException($"Queue names of '{topic.Name}' / '{subscription}' exceed 255 bytes.", nameof(topology));
                }
            }
        }
    }

    private static void ValidateName(string name, string what)
    {
        // '/' would be read as a separator in AMQP 1.0 addresses (/exchange/<name>/<key>).
        if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
        {
            throw new ArgumentException($"The {what} name '{name}' must be ASCII letters, digits, '.', '-' or '_'.");
        }
    }
}
