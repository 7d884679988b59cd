using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amqp;
using IntegrationHub.Core.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>
/// Claims-based authorization against a real AMQP 1.0 peer (<see cref="CbsTestBroker"/>) on loopback.
/// </summary>
public sealed class CbsConnectionAuthorizerTests : IAsyncLifetime
{
    private const string Topic = "lgsp.edu.school-status.v1";
    private const string TopicAudience = "amqps://contoso.servicebus.windows.net/lgsp.edu.school-status.v1";
    private const string KeyName = "hub-send";
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly ManualTimeProvider _time = new(Start);
    private readonly CbsTestBroker _broker;
    private readonly ListLogger<CbsConnectionAuthorizer> _logger = new();
    private readonly List<CbsConnectionAuthorizer> _authorizers = [];
    private readonly List<Connection> _connections = [];

    public CbsConnectionAuthorizerTests()
    {
        _broker = new CbsTestBroker(_time);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var authorizer in _authorizers)
        {
            authorizer.Dispose();
        }

        foreach (var connection in _connections.Where(connection => !connection.IsClosed))
        {
            try
            {
                await connection.CloseAsync();
            }
            catch (AmqpException)
            {
                // The peer may close the connection while the test ends (e.g. "listener close"); it is closed either way.
            }
        }

        _broker.Dispose();
    }

    [Fact]
    public void ConfigureFactory_selects_sasl_anonymous()
    {
        var factory = new ConnectionFactory();

        CreateAuthorizer().ConfigureFactory(factory);

        Assert.Equal("ANONYMOUS", (string)factory.SASL.Profile.Mechanism);
    }

    [Fact]
    public async Task Put_token_before_attach_lets_a_message_reach_the_entity()
    {
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);

        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        await SendAsync(connection, Topic, "school status");

        var received = await _broker.NextMessageAsync(Wait);
        Assert.Equal(Topic, received.Address);
        Assert.Equal("school status", received.Message.Body);

        var putToken = Assert.Single(_broker.PutTokens);
        Assert.Equal("put-token", putToken.Operation);
        Assert.Equal("servicebus.windows.net:sastoken", putToken.Type);
        Assert.Equal(TopicAudience, putToken.Name);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 30, 0, DateTimeKind.Utc), putToken.Expiration);
        Assert.False(string.IsNullOrEmpty(putToken.MessageId));
        Assert.False(string.IsNullOrEmpty(putToken.ReplyTo));
    }

    [Fact]
    public async Task Attach_without_put_token_for_that_entity_is_refused_as_unauthorized()
    {
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);
        await authorizer.AuthorizeAsync(connection, "lgsp.health.clinic-capacity.v1", CancellationToken.None);

        var exception = await Assert.ThrowsAsync<AmqpException>(() => SendAsync(connection, Topic, "school status"));

        Assert.Equal("amqp:unauthorized-access", (string)exception.Error.Condition);
    }

    [Fact]
    public async Task Sas_token_received_by_the_peer_verifies_against_the_key()
    {
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);

        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);

        var putToken = Assert.Single(_broker.PutTokens);
        var token = Assert.IsType<string>(putToken.Token);
        Assert.StartsWith("SharedAccessSignature ", token, StringComparison.Ordinal);
        var fields = token["SharedAccessSignature ".Length..]
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

        var expectedSignature = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Key),
            Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"])));
        Assert.Equal(expectedSignature, WebUtility.UrlDecode(fields["sig"]));
        Assert.Equal(TopicAudience, WebUtility.UrlDecode(fields["sr"]));
        Assert.Equal(KeyName, fields["skn"]);
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], CultureInfo.InvariantCulture));
        Assert.Equal(expiry.UtcDateTime, putToken.Expiration);
    }

    [Fact]
    public async Task Token_signed_with_the_wrong_key_is_refused_by_a_verifying_peer()
    {
        _broker.Decide = request => VerifiesAgainstKey(request) ? (200, "OK") : (401, "InvalidSignature: The token has an invalid signature.");
        var authorizer = CreateAuthorizer(new SasCbsTokenProvider(KeyName, "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktISE=", _time));
        var connection = await ConnectAsync(authorizer);

        var exception = await Assert.ThrowsAsync<CbsAuthorizationException>(
            () => authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None));

        Assert.Equal(401, exception.StatusCode);
    }

    [Fact]
    public async Task Refused_token_surfaces_status_code_and_description_but_not_the_token()
    {
        _broker.Decide = _ => (401, "InvalidSignature: The token has an invalid signature.");
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);

        var exception = await Assert.ThrowsAsync<CbsAuthorizationException>(
            () => authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None));

        var token = Assert.IsType<string>(Assert.Single(_broker.PutTokens).Token);
        Assert.Equal(401, exception.StatusCode);
        Assert.Equal(TopicAudience, exception.Audience);
        Assert.Contains("status-code 401", exception.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidSignature: The token has an invalid signature.", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SignatureOf(token), exception.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _time.ArmedTimerCount);
    }

    [Fact]
    public async Task Status_description_that_echoes_the_token_is_scrubbed()
    {
        _broker.Decide = request => (400, $"Malformed token '{request.Token}'.");
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);

        var exception = await Assert.ThrowsAsync<CbsAuthorizationException>(
            () => authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None));

        var token = Assert.IsType<string>(Assert.Single(_broker.PutTokens).Token);
        Assert.Equal("Malformed token '[token]'.", exception.StatusDescription);
        Assert.DoesNotContain(token, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepted_status_202_also_authorizes()
    {
        _broker.Decide = _ => (202, "Accepted");
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);

        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        await SendAsync(connection, Topic, "school status");

        Assert.Equal(Topic, (await _broker.NextMessageAsync(Wait)).Address);
    }

    [Fact]
    public async Task Token_is_put_again_for_every_authorized_entity_before_it_expires()
    {
        var authorizer = CreateAuthorizer(new SasCbsTokenProvider(KeyName, Key, _time, TimeSpan.FromMinutes(10)), ShortRefreshOptions());
        var connection = await ConnectAsync(authorizer);
        var subscription = ServiceBusAddress.Subscription(Topic, "ioc");
        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        await authorizer.AuthorizeAsync(connection, subscription, CancellationToken.None);
        var first = await _broker.NextPutTokenAsync(Wait);
        var firstSubscription = await _broker.NextPutTokenAsync(Wait);
        var firstExpiry = Start.AddMinutes(10);

        // 10-minute tokens, 7-minute buffer, no jitter: due 3 minutes in.
        _time.Advance(TimeSpan.FromMinutes(3));

        var refreshes = new[] { await _broker.NextPutTokenAsync(Wait), await _broker.NextPutTokenAsync(Wait) };
        Assert.Equal(
            [TopicAudience, TopicAudience + "/subscriptions/ioc"],
            refreshes.Select(refresh => refresh.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TopicAudience + "/subscriptions/ioc", firstSubscription.Name);
        Assert.All(refreshes, refresh =>
        {
            Assert.Equal(Start.AddMinutes(3), refresh.ReceivedAt);
            Assert.True(refresh.ReceivedAt < firstExpiry);
            Assert.Equal(new DateTime(2026, 1, 1, 0, 13, 0, DateTimeKind.Utc), refresh.Expiration);
            Assert.Equal(first.ReplyTo, refresh.ReplyTo);
        });

        // The refreshed connection still sends, and the next refresh is armed per entity.
        await SendAsync(connection, Topic, "after refresh");
        Assert.Equal("after refresh", (await _broker.NextMessageAsync(Wait)).Message.Body);
        await WaitUntilAsync(() => _time.ArmedTimerCount == 2, "two refresh timers armed");
    }

    [Fact]
    public async Task Failed_refresh_is_logged_without_the_token_and_retried_with_backoff()
    {
        var answers = new Queue<(int, string)>([(200, "OK"), (503, "ServerBusy: try again."), (200, "OK")]);
        _broker.Decide = _ =>
        {
            lock (answers)
            {
                return answers.Count > 0 ? answers.Dequeue() : (200, "OK");
            }
        };
        var authorizer = CreateAuthorizer(new SasCbsTokenProvider(KeyName, Key, _time, TimeSpan.FromMinutes(10)), ShortRefreshOptions());
        var connection = await ConnectAsync(authorizer);
        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        await _broker.NextPutTokenAsync(Wait);

        _time.Advance(TimeSpan.FromMinutes(3));
        await _broker.NextPutTokenAsync(Wait);
        await WaitUntilAsync(() => _logger.Entries.Any(entry => entry.Level == LogLevel.Warning), "a warning about the failed refresh");

        var warning = Assert.Single(_logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains(TopicAudience, warning.Message, StringComparison.Ordinal);
        var failure = Assert.IsType<CbsAuthorizationException>(warning.Exception);
        Assert.Equal(503, failure.StatusCode);
        foreach (var token in _broker.PutTokens.Select(request => (string)request.Token!))
        {
            Assert.DoesNotContain(token, warning.FullText, StringComparison.Ordinal);
            Assert.DoesNotContain(SignatureOf(token), warning.FullText, StringComparison.Ordinal);
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        var retry = await _broker.NextPutTokenAsync(Wait);

        Assert.Equal(TopicAudience, retry.Name);
        Assert.Equal(Start.AddMinutes(3).AddSeconds(5), retry.ReceivedAt);
        Assert.Equal(3, _broker.PutTokens.Count);
    }

    [Fact]
    public async Task Closing_the_connection_stops_refreshing()
    {
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);
        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        Assert.Equal(1, _time.ArmedTimerCount);

        await connection.CloseAsync();

        await WaitUntilAsync(() => _time.ArmedTimerCount == 0, "the refresh timer disposed");
        _time.Advance(TimeSpan.FromHours(2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None));
        Assert.Single(_broker.PutTokens);
    }

    [Fact]
    public async Task Disposing_the_authorizer_stops_refreshing()
    {
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);
        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        Assert.Equal(1, _time.ArmedTimerCount);

        authorizer.Dispose();

        Assert.Equal(0, _time.ArmedTimerCount);
        _time.Advance(TimeSpan.FromHours(2));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None));
        Assert.Single(_broker.PutTokens);
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task Entra_token_is_put_with_type_jwt()
    {
        const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL3NlcnZpY2VidXMuYXp1cmUubmV0In0.c2lnbmF0dXJl";
        var credential = new FixedTokenCredential(Jwt, Start.AddHours(1));
        var authorizer = CreateAuthorizer(new EntraCbsTokenProvider(credential));
        var connection = await ConnectAsync(authorizer);

        await authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        await SendAsync(connection, Topic, "school status");

        var putToken = Assert.Single(_broker.PutTokens);
        Assert.Equal("jwt", putToken.Type);
        Assert.Equal(Jwt, putToken.Token);
        Assert.Equal(TopicAudience, putToken.Name);
        Assert.Equal(new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc), putToken.Expiration);
        Assert.Equal(Topic, (await _broker.NextMessageAsync(Wait)).Address);
        Assert.Equal(["https://servicebus.azure.net/.default"], Assert.Single(credential.RequestedScopes));
    }

    [Fact]
    public async Task Concurrent_authorizations_on_one_connection_share_one_cbs_link_pair()
    {
        var authorizer = CreateAuthorizer();
        var connection = await ConnectAsync(authorizer);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(
            index => Task.Run(() => authorizer.AuthorizeAsync(connection, $"lgsp.topic-{index % 5}.v1", CancellationToken.None))));

        var putTokens = _broker.PutTokens;
        Assert.Equal(20, putTokens.Count);
        Assert.Single(putTokens.Select(request => request.ReplyTo).Distinct());
        Assert.Equal(20, putTokens.Select(request => request.MessageId).Distinct().Count());
        Assert.Equal(5, putTokens.Select(request => request.Name).Distinct().Count());
        Assert.Equal(5, _time.ArmedTimerCount);
    }

    [Fact]
    public async Task Each_connection_gets_its_own_cbs_link_pair_and_authorization()
    {
        var authorizer = CreateAuthorizer();
        var first = await ConnectAsync(authorizer);
        var second = await ConnectAsync(authorizer);

        await authorizer.AuthorizeAsync(first, Topic, CancellationToken.None);
        await authorizer.AuthorizeAsync(second, Topic, CancellationToken.None);
        await SendAsync(second, Topic, "from the second connection");

        Assert.Equal(2, _broker.PutTokens.Select(request => request.ReplyTo).Distinct().Count());
        Assert.Equal("from the second connection", (await _broker.NextMessageAsync(Wait)).Message.Body);
    }

    [Fact]
    public async Task Unanswered_put_token_times_out_on_the_injected_clock()
    {
        _broker.Unresponsive = true;
        var authorizer = CreateAuthorizer(options: new CbsAuthorizationOptions { RequestTimeout = TimeSpan.FromSeconds(30) });
        var connection = await ConnectAsync(authorizer);

        var authorization = authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None);
        await _broker.NextPutTokenAsync(Wait);
        Assert.False(authorization.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));

        var exception = await Assert.ThrowsAsync<TimeoutException>(() => authorization.WaitAsync(Wait));
        Assert.Contains("did not answer within 00:00:30", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peer_without_a_cbs_node_fails_authorization_with_its_error_and_is_retried_next_time()
    {
        using var broker = new CbsTestBroker(_time, withCbsNode: false);
        var authorizer = CreateAuthorizer();
        var factory = new ConnectionFactory();
        authorizer.ConfigureFactory(factory);
        var connection = await factory.CreateAsync(broker.Address);
        _connections.Add(connection);

        var first = await Assert.ThrowsAsync<AmqpException>(() => authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None));
        var second = await Assert.ThrowsAsync<AmqpException>(() => authorizer.AuthorizeAsync(connection, Topic, CancellationToken.None));

        Assert.Contains((string)first.Error.Condition, new[] { "amqp:unauthorized-access", "amqp:not-implemented" });
        Assert.NotSame(first, second);
        Assert.False(connection.IsClosed);
        Assert.Equal(0, _time.ArmedTimerCount);
    }

    private static CbsAuthorizationOptions ShortRefreshOptions() => new()
    {
        RefreshJitter = TimeSpan.Zero,
        MinimumRefreshInterval = TimeSpan.FromSeconds(1),
        RetryDelay = TimeSpan.FromSeconds(5),
    };

    private static bool VerifiesAgainstKey(PutTokenRequest request)
    {
        if (request.Token is not string token || !token.StartsWith("SharedAccessSignature ", StringComparison.Ordinal))
        {
            return false;
        }

        var fields = token["SharedAccessSignature ".Length..]
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Key),
            Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"])));
        return expected == WebUtility.UrlDecode(fields["sig"]);
    }

    private static string SignatureOf(string token) =>
        token.Split('&').Single(field => field.StartsWith("sig=", StringComparison.Ordinal))["sig=".Length..];

    private static async Task SendAsync(Connection connection, string address, string body)
    {
        var session = new Session(connection);
        var sender = new SenderLink(session, "sender-" + Guid.NewGuid().ToString("N"), address);
        try
        {
            await sender.SendAsync(new Message(body));
        }
        finally
        {
            await session.CloseAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }

    private CbsConnectionAuthorizer CreateAuthorizer(ICbsTokenProvider? tokenProvider = null, CbsAuthorizationOptions? options = null)
    {
        var authorizer = new CbsConnectionAuthorizer(
            CbsTestBroker.Namespace,
            tokenProvider ?? new SasCbsTokenProvider(KeyName, Key, _time),
            _time,
            _logger,
            options);
        _authorizers.Add(authorizer);
        return authorizer;
    }

    private async Task<Connection> ConnectAsync(CbsConnectionAuthorizer authorizer)
    {
        var factory = new ConnectionFactory();
        authorizer.ConfigureFactory(factory);
        var connection = await factory.CreateAsync(_broker.Address);
        _connections.Add(connection);
        return connection;
    }
}
