using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Contracts.Api;

/// <summary>
/// Builds the hub's AsyncAPI 3.0 document from the catalogue's topology: every topic (the hub sends) and every
/// subscription (consumers receive), each feed major's message with its CloudEvents AMQP binding (the
/// <c>cloudEvents:*</c> application properties) and its payload schema (draft-07, as published), and both servers:
/// Azure Service Bus and the local AMQP 1.0 broker. Generated on request, never hand-maintained.
/// </summary>
public static class AsyncApiDocumentBuilder
{
    private const string ServiceBus = "serviceBus";
    private const string RabbitMq = "rabbitmq";

    public static JsonObject Build(FeedCatalogue catalogue, ApiDocumentInfo info)
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject { ["CloudEventsApplicationProperties"] = ApplicationProperties() };

        foreach (var topic in catalogue.Topology().Topics)
        {
            var feed = topic.FeedId is null ? null : catalogue.Find(topic.FeedId);
            var version = feed?.Versions.FirstOrDefault(v => v.Topic == topic.Name);
            var messageId = version is null ? "hubAlert" : JsonSchemaEmbedding.ComponentName(feed!.Id, version.Major, "message");
            if (version is null)
            {
                messages[messageId] = AlertMessage();
            }
            else
            {
                schemas[JsonSchemaEmbedding.ComponentName(feed!.Id, version.Major, "data")] = new JsonObject
                {
                    ["schemaFormat"] = "application/schema+json;version=draft-07",
                    ["schema"] = JsonSchemaEmbedding.Embed(version.SchemaJson),
                };
                messages[messageId] = FeedMessage(feed, version);
            }

            var messageRef = new JsonObject { ["$ref"] = "#/components/messages/" + messageId };
            channels[topic.Name] = new JsonObject
            {
                ["address"] = topic.Name,
                ["title"] = topic.Name,
                ["description"] = feed is null
                    ? "The hub's alerts (feed state changes: late, silent, back to fresh)."
                    : $"{feed.Title.En} ({feed.Title.Vi}), major {version!.Major} ({version.Status}). Owner: {feed.Owner.Name.En}. Cadence {feed.CadenceText}, classification {feed.Classification}. Only accepted records are published; one message per record, its message id stable (duplicates can be dropped by id).",
                ["messages"] = new JsonObject { [messageId] = messageRef.DeepClone() },
            };
            operations["publish." + topic.Name] = new JsonObject
            {
                ["action"] = "send",
                ["title"] = $"The hub publishes to {topic.Name}",
                ["channel"] = new JsonObject { ["$ref"] = "#/channels/" + Escape(topic.Name) },
            };

            foreach (var subscription in topic.Subscriptions)
            {
                var channelId = $"{topic.Name}.{subscription}";
                channels[channelId] = new JsonObject
                {
                    ["address"] = $"{topic.Name}/Subscriptions/{subscription}",
                    ["title"] = $"{topic.Name}, subscription {subscription}",
                    ["description"] = (subscription == FeedCatalogue.NdxpSubscription
                        ? "The national NDXP forwarder's subscription (feeds published nationally only). "
                        : "The provincial IOC's subscription (every topic). ")
                        + $"On Service Bus the address is {topic.Name}/Subscriptions/{subscription}; on the local broker /amq/queue/{topic.Name}.{subscription}. Every message of the topic reaches it.",
                    ["messages"] = new JsonObject { [messageId] = messageRef.DeepClone() },
                };
                operations[$"receive.{channelId}"] = new JsonObject
                {
                    ["action"] = "receive",
                    ["title"] = $"{subscription} receives from {topic.Name}",
                    ["channel"] = new JsonObject { ["$ref"] = "#/channels/" + Escape(channelId) },
                };
            }
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = info.Title + " — topics",
                ["version"] = info.Version,
                ["description"] = "Generated from the feed catalogue (contracts/): one topic per feed major (lgsp.<feed-id>.v<major>) with the subscriptions ioc (all) and ndxp (feeds published nationally), and the alerts topic. Messages follow the CloudEvents AMQP protocol binding (binary mode): the record's data is the body (application/json), the CloudEvents attributes are application properties prefixed cloudEvents:.",
            },
            ["defaultContentType"] = "application/json",
            ["servers"] = new JsonObject
            {
                [ServiceBus] = new JsonObject
                {
                    ["host"] = info.ServiceBusHost,
                    ["protocol"] = "amqps",
                    ["protocolVersion"] = "1.0",
                    ["title"] = "Azure Service Bus (production)",
                    ["description"] = "AMQP 1.0 over TLS; claims-based security with an Entra ID token (role Azure Service Bus Data Receiver on the subscription).",
                    ["security"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/securitySchemes/entraId" }),
                },
                [RabbitMq] = new JsonObject
                {
                    ["host"] = info.RabbitMqHost,
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "1.0",
                    ["title"] = "Local broker (development)",
                    ["description"] = "RabbitMQ with AMQP 1.0 (guest/guest on loopback); topics are exchanges, subscriptions are queues <topic>.<subscription>.",
                    ["security"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/securitySchemes/localUser" }),
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["messages"] = messages,
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["entraId"] = new JsonObject
                    {
                        ["type"] = "oauth2",
                        ["description"] = "Entra ID client credentials; the token is put on the connection's $cbs node.",
                        ["flows"] = new JsonObject
                        {
                            ["clientCredentials"] = new JsonObject
                            {
                                ["tokenUrl"] = $"https://login.microsoftonline.com/{info.TenantId}/oauth2/v2.0/token",
                                ["availableScopes"] = new JsonObject { ["https://servicebus.azure.net/.default"] = "Azure Service Bus" },
                            },
                        },
                        ["scopes"] = new JsonArray("https://servicebus.azure.net/.default"),
                    },
                    ["localUser"] = new JsonObject { ["type"] = "userPassword", ["description"] = "SASL PLAIN (guest/guest on the development broker)." },
                },
            },
        };
    }

    private static JsonObject FeedMessage(FeedDefinition feed, FeedVersion version)
    {
        var headers = new JsonObject
        {
            ["allOf"] = new JsonArray(
                new JsonObject { ["$ref"] = "#/components/schemas/CloudEventsApplicationProperties" },
                new JsonObject { ["properties"] = new JsonObject { ["cloudEvents:type"] = new JsonObject { ["const"] = $"{feed.Id}.v{version.Major}" } } }),
        };
        return new JsonObject
        {
            ["name"] = $"{feed.Id}.v{version.Major}",
            ["title"] = $"{feed.Title.En}, v{version.Major}",
            ["summary"] = $"One accepted {feed.Id} record ({feed.Grain}).",
            ["contentType"] = "application/json",
            ["correlationId"] = new JsonObject { ["location"] = "$message.header#/cloudEvents:subject", ["description"] = $"The entity key ({string.Join(", ", feed.EntityKey)}), also the AMQP subject." },
            ["headers"] = headers,
            ["payload"] = new JsonObject { ["$ref"] = "#/components/schemas/" + JsonSchemaEmbedding.ComponentName(feed.Id, version.Major, "data") },
            ["bindings"] = new JsonObject
            {
                ["amqp"] = new JsonObject { ["contentEncoding"] = "utf-8", ["messageType"] = $"{feed.Id}.v{version.Major}", ["bindingVersion"] = "0.3.0" },
            },
        };
    }

    private static JsonObject AlertMessage() => new()
    {
        ["name"] = "hub.alert",
        ["title"] = "Hub alert",
        ["contentType"] = "application/json",
        ["headers"] = new JsonObject { ["$ref"] = "#/components/schemas/CloudEventsApplicationProperties" },
        ["payload"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "A feed's state change (fresh, late, silent) as computed by the freshness monitor.",
        },
    };

    private static JsonObject ApplicationProperties() => new()
    {
        ["type"] = "object",
        ["description"] = "CloudEvents AMQP protocol binding, binary content mode: each attribute is an application property prefixed cloudEvents: (the AMQP properties message-id, subject and content-type are set too).",
        ["required"] = new JsonArray("cloudEvents:specversion", "cloudEvents:id", "cloudEvents:source", "cloudEvents:type"),
        ["properties"] = new JsonObject
        {
            ["cloudEvents:specversion"] = new JsonObject { ["const"] = "1.0" },
            ["cloudEvents:id"] = new JsonObject { ["type"] = "string", ["description"] = "The event's id as sent by the department's system." },
            ["cloudEvents:source"] = new JsonObject { ["type"] = "string", ["description"] = "urn:lgsp:<province>:<agency e-ID>:<system>." },
            ["cloudEvents:type"] = new JsonObject { ["type"] = "string", ["description"] = "<feed-id>.v<major>." },
            ["cloudEvents:subject"] = new JsonObject { ["type"] = "string", ["description"] = "The entity key." },
            ["cloudEvents:time"] = new JsonObject { ["type"] = "string", ["description"] = "The event's time (an AMQP timestamp)." },
            ["cloudEvents:datacontenttype"] = new JsonObject { ["type"] = "string" },
            ["cloudEvents:admincodes"] = new JsonObject { ["type"] = "string", ["description"] = "The administrative-unit code list version." },
        },
    };

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
