using Amqp;
using Amqp.Framing;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// The request/response link pair to the <c>$cbs</c> node of one connection: a sender targeting
/// <c>$cbs</c> and a receiver whose target is a private reply-to address. Responses are matched to
/// requests by correlation-id = request message-id.
/// </summary>
internal sealed class CbsLink
{
    internal const string NodeAddress = "$cbs";

    // Put-tokens are rare (one per entity and refresh); a small window is plenty.
    private const int ResponseCredit = 50;

    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskCompletionSource<Message>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _senderAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _receiverAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Session _session;
    private readonly SenderLink _sender;
    private Exception? _fault;

    private CbsLink(Connection connection, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var id = Guid.NewGuid().ToString("N");
        ReplyTo = "cbs-reply-" + id;

        _session = new Session(connection);
        _session.AddClosedCallback(OnClosed);
        _sender = new SenderLink(_session, "cbs-sender-" + id, new Target { Address = NodeAddress }, OnSenderAttached);
        _sender.AddClosedCallback(OnClosed);
        var receiverAttach = new Attach
        {
            Source = new Source { Address = NodeAddress },
            Target = new Target { Address = ReplyTo },
        };
        var receiver = new ReceiverLink(_session, "cbs-receiver-" + id, receiverAttach, OnReceiverAttached);
        receiver.AddClosedCallback(OnClosed);
        receiver.Start(ResponseCredit, OnResponse);
    }

    /// <summary>The address responses come back to (the receiver's target).</summary>
    public string ReplyTo { get; }

    /// <summary>True once the session or either link has closed; the pair must then be reopened.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _fault is not null;
            }
        }
    }

    /// <summary>Opens the pair on <paramref name="connection"/> and waits until the node has attached both links.</summary>
    public static async Task<CbsLink> OpenAsync(Connection connection, TimeProvider timeProvider, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var link = new CbsLink(connection, timeProvider);
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await Task.WhenAll(link._senderAttached.Task, link._receiverAttached.Task).WaitAsync(linked.Token);
            return link;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            link.Close();
            throw new TimeoutException($"The {NodeAddress} node did not attach the token links within {timeout}.");
        }
        catch
        {
            link.Close();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/> and returns the response correlated with it.</summary>
    public async Task<Message> RequestAsync(Message request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var messageId = Guid.NewGuid().ToString("N");
        request.Properties ??= new Properties();
        request.Properties.MessageId = messageId;
        request.Properties.ReplyTo = ReplyTo;

        var response = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_fault is not null)
            {
                throw new AmqpException(ErrorCode.DetachForced, $"The {NodeAddress} link is closed: {_fault.Message}");
            }

            _pending.Add(messageId, response);
        }

        // Timeouts run on the injected clock; disposing the source disposes its timer at once.
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            // Lite also applies its own (real-time) timeout to the send.
            await _sender.SendAsync(request, timeout).WaitAsync(linked.Token);
            return await response.Task.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The {NodeAddress} node did not answer within {timeout}.");
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(messageId);
            }
        }
    }

    /// <summary>Fails outstanding requests and ends the session without waiting for the peer.</summary>
    public void Close()
    {
        Fail(new ObjectDisposedException(nameof(CbsLink), $"The {NodeAddress} link was closed."));
        try
        {
            _session.Close(TimeSpan.Zero, null);
        }
        catch (Exception exception) when (exception is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection is already gone; there is nothing left to end.
        }
    }

    private void OnSenderAttached(ILink link, Attach attach)
    {
        // A refused attach comes back without a target and is followed by a detach carrying the error.
        if (attach.Target is not null)
        {
            _senderAttached.TrySetResult();
        }
    }

    private void OnReceiverAttached(ILink link, Attach attach)
    {
        if (attach.Source is not null)
        {
            _receiverAttached.TrySetResult();
        }
    }

    private void OnResponse(IReceiverLink link, Message message)
    {
        // Runs on the connection's I/O thread: hand the message over and return.
        try
        {
            link.Accept(message);
        }
        catch (AmqpException)
        {
            // The link is closing; the response is still usable.
        }

        if (message.Properties?.GetCorrelationId() is not string correlationId)
        {
            return;
        }

        TaskCompletionSource<Message>? pending;
        lock (_gate)
        {
            _pending.Remove(correlationId, out pending);
        }

        // No match means the request already timed out or was cancelled.
        pending?.TrySetResult(message);
    }

    private void OnClosed(IAmqpObject sender, Error? error) =>
        Fail(new AmqpException(error ?? new Error(ErrorCode.DetachForced) { Description = $"The {NodeAddress} link was closed." }));

    private void Fail(Exception exception)
    {
        List<TaskCompletionSource<Message>> pending;
        lock (_gate)
        {
            _fault ??= exception;
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        _senderAttached.TrySetException(exception);
        _receiverAttached.TrySetException(exception);
        foreach (var request in pending)
        {
            request.TrySetException(exception);
        }
    }
}
