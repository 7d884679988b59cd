using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>
/// A real AMQP 1.0 peer on 127.0.0.1 that behaves like Service Bus towards claims-based security:
/// SASL ANONYMOUS; a <c>$cbs</c> request/response node that reads put-token requests and answers on the
/// reply-to address with <c>status-code</c>/<c>status-description</c> and correlation-id = message-id;
/// and entity nodes that accept a sender's attach only when the same connection has put a token for
/// <c>amqps://namespace/entity</c>, refusing it with <c>amqp:unauthorized-access</c> otherwise.
/// </summary>
internal sealed class CbsTestBroker : IDisposable
{
    public const string Namespace = "contoso.servicebus.windows.net";

    private static readonly HashSet<string> KnownTokenTypes = ["jwt", "servicebus.windows.net:sastoken"];

    private readonly ContainerHost _host;
    private readonly TimeProvider _timeProvider;
    private readonly ConditionalWeakTable<Connection, ConcurrentDictionary<string, byte>> _authorized = new();
    private readonly Channel<PutTokenRequest> _putTokens = Channel.CreateUnbounded<PutTokenRequest>();
    private readonly Channel<ReceivedMessage> _messages = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly ConcurrentQueue<PutTokenRequest> _allPutTokens = new();

    /// <param name="timeProvider">Stamps <see cref="PutTokenRequest.ReceivedAt"/>; the system clock when null.</param>
    /// <param name="withCbsNode">False to host no <c>$cbs</c> node, like a broker without claims-based security.</param>
    public CbsTestBroker(TimeProvider? timeProvider = null, bool withCbsNode = true)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        Port = FreePort();
        _host = new ContainerHost(Address);
        _host.Listeners[0].SASL.EnableAnonymousMechanism = true;
        if (withCbsNode)
        {
            _host.RegisterRequestProcessor("$cbs", new CbsNode(this));
        }

        _host.RegisterLinkProcessor(new EntityNodes(this));
        _host.Open();
    }

    public int Port { get; }

    /// <summary>The address clients connect to; it carries no credentials.</summary>
    public Address Address => new("127.0.0.1", Port, null, null, "/", "amqp");

    /// <summary>
    /// Decides the answer to a well-formed put-token; 200 when unset. Only 200 and 202 authorize the audience.
    /// </summary>
    public Func<PutTokenRequest, (int StatusCode, string StatusDescription)>? Decide { get; set; }

    /// <summary>When true, put-tokens are recorded but never answered.</summary>
    public bool Unresponsive { get; set; }

    /// <summary>Every put-token received so far, in order.</summary>
    public IReadOnlyList<PutTokenRequest> PutTokens => [.. _allPutTokens];

    public async Task<PutTokenRequest> NextPutTokenAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return await _putTokens.Reader.ReadAsync(cancellation.Token);
    }

    public async Task<ReceivedMessage> NextMessageAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return await _messages.Reader.ReadAsync(cancellation.Token);
    }

    public void Dispose() => _host.Close();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string AudienceOf(string entityAddress) => $"amqps://{Namespace}/{entityAddress}";

    private ConcurrentDictionary<string, byte> AuthorizedAudiences(Connection connection) =>
        _authorized.GetValue(connection, _ => new ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase));

    private (int StatusCode, string StatusDescription) Answer(PutTokenRequest request)
    {
        if (request.Operation != "put-token")
        {
            return (400, $"Unsupported operation '{request.Operation}'.");
        }

        if (request.Type is null || !KnownTokenTypes.Contains(request.Type))
        {
            return (400, $"Unsupported token type '{request.Type}'.");
        }

        if (string.IsNullOrEmpty(request.Name) || !request.Name.StartsWith($"amqps://{Namespace}/", StringComparison.OrdinalIgnoreCase))
        {
            return (400, "The name must be the URI of an entity of this namespace.");
        }

        if (request.Token is not string)
        {
            return (400, "The token must be an AmqpValue string body.");
        }

        return Decide?.Invoke(request) ?? (200, "OK");
    }

    private sealed class CbsNode(CbsTestBroker broker) : IRequestProcessor
    {
        public int Credit => 100;

        public void Process(RequestContext requestContext)
        {
            var message = requestContext.Message;
            var properties = message.ApplicationProperties?.Map;
            object? Read(string key) => properties is not null && properties.TryGetValue(key, out var value) ? value : null;

            var request = new PutTokenRequest(
                Read("operation") as string,
                Read("type") as string,
                Read("name") as string,
                Read("expiration"),
                message.Body,
                message.Properties?.GetMessageId() as string,
                message.Properties?.ReplyTo,
                broker._timeProvider.GetUtcNow());

            // Recorded before answering, so a caller that got its answer finds its request here.
            broker._allPutTokens.Enqueue(request);
            broker._putTokens.Writer.TryWrite(request);
            if (broker.Unresponsive)
            {
                return;
            }

            var (statusCode, statusDescription) = broker.Answer(request);
            if (statusCode is 200 or 202)
            {
                broker.AuthorizedAudiences(requestContext.Link.Session.Connection).TryAdd(request.Name!, 0);
            }

            var response = new Message { ApplicationProperties = new ApplicationProperties() };
            response.ApplicationProperties["status-code"] = statusCode;
            response.ApplicationProperties["status-description"] = statusDescription;

            // Complete sets correlation-id = the request's message-id and sends on the reply-to link.
            requestContext.Complete(response);
        }
    }

    private sealed class EntityNodes(CbsTestBroker broker) : ILinkProcessor
    {
        public void Process(AttachContext attachContext)
        {
            var attach = attachContext.Attach;
            if (attach.Role)
            {
                attachContext.Complete(new Error(ErrorCode.NotImplemented) { Description = "This peer only accepts senders." });
                return;
            }

            var address = (attach.Target as Target)?.Address;
            if (string.IsNullOrEmpty(address))
            {
                attachContext.Complete(new Error(ErrorCode.InvalidField) { Description = "The target address is missing." });
                return;
            }

            var audience = AudienceOf(address);
            if (!broker.AuthorizedAudiences(attachContext.Link.Session.Connection).ContainsKey(audience))
            {
                attachContext.Complete(new Error(ErrorCode.UnauthorizedAccess)
                {
                    Description = $"Unauthorized access. 'Send' claim(s) are required to perform this operation. Resource: '{audience}'.",
                });
                return;
            }

            attachContext.Complete(new TargetLinkEndpoint(new EntityNode(broker, address), attachContext.Link), 100);
        }
    }

    private sealed class EntityNode(CbsTestBroker broker, string address) : IMessageProcessor
    {
        public int Credit => 100;

        public void Process(MessageContext messageContext)
        {
            broker._messages.Writer.TryWrite(new ReceivedMessage(address, messageContext.Message));
            messageContext.Complete();
        }
    }
}
