using System.Text;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.IntegrationTests.Messaging.Contract;

/// <summary>
/// The one contract both transports keep, run against real brokers: RabbitMQ over AMQP 1.0 (every run) and Azure
/// Service Bus (only <c>dev/test --live</c>, with a namespace). The publisher and dead-letter admin are composed exactly
/// as the hub composes them (<c>AddHubMessaging</c> from <c>Hub:Messaging</c> settings); only the consumer side is the
/// transport's own.
/// </summary>
public abstract class TopicPublisherContract
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    protected abstract IContractTransport Transport { get; }

    [Fact]
    public async Task One_event_reaches_every_subscription_of_its_topic_once()
    {
        await using var hub = Compose(Transport.Settings);
        var accepted = ContractEvents.New();

        await hub.Publisher.PublishAsync(accepted, CancellationToken.None);

        foreach (var subscription in new[] { "ioc", "ndxp" })
        {
            var received = await Transport.ReceiveAsync(ContractEvents.Topic, subscription, m => m.MessageId == accepted.KeyHash, Wait);
            Assert.True(received is not null, $"the {subscription} subscription did not get the event");
            Assert.Equal(Encoding.UTF8.GetBytes($$"""{"parcelNo":{{accepted.Subject.Split('-')[^1]}}}"""), received.Body);
            Assert.Null(await Transport.ReceiveAsync(ContractEvents.Topic, subscription, m => m.MessageId == accepted.KeyHash, Quiet));
        }
    }

    [Fact]
    public async Task A_batch_is_published_whole_each_event_once()
    {
        await using var hub = Compose(Transport.Settings);
        var batch = Enumerable.Range(0, 40).Select(_ => ContractEvents.New()).ToList();
        var pending = batch.Select(e => e.KeyHash).ToHashSet(StringComparer.Ordinal);

        await hub.Publisher.PublishBatchAsync(batch, CancellationToken.None);

        while (pending.Count > 0 && await Transport.ReceiveAsync(ContractEvents.Topic, "ioc", m => m.MessageId is { } id && pending.Contains(id), Wait) is { } received)
        {
            pending.Remove(received.MessageId!);
        }

        Assert.Empty(pending);
        var ids = batch.Select(e => e.KeyHash).ToHashSet(StringComparer.Ordinal);
        Assert.Null(await Transport.ReceiveAsync(ContractEvents.Topic, "ioc", m => m.MessageId is { } id && ids.Contains(id), Quiet));
    }

    [Fact]
    public async Task The_message_carries_the_CloudEvents_attributes_the_key_hash_as_message_id_and_the_entity_key_as_subject()
    {
        await using var hub = Compose(Transport.Settings);
        var accepted = ContractEvents.New();

        await hub.Publisher.PublishAsync(accepted, CancellationToken.None);

        var received = await Transport.ReceiveAsync(ContractEvents.Topic, "ioc", m => m.MessageId == accepted.KeyHash, Wait);
        Assert.NotNull(received);
        Assert.Equal(accepted.Subject, received.Subject);
        Assert.Equal("application/json", received.ContentType);
        var p = received.Properties;
        Assert.Equal("1.0", p["cloudEvents:specversion"]);
        Assert.Equal(accepted.Id, p["cloudEvents:id"]);
        Assert.Equal(ContractEvents.Source, p["cloudEvents:source"]);
        Assert.Equal("land.parcel-record.v1", p["cloudEvents:type"]);
        Assert.Equal(accepted.Subject, p["cloudEvents:subject"]);
        Assert.Equal("contract-app", p["cloudEvents:senderapp"]);
        Assert.Equal("contract-tenant", p["cloudEvents:sendertenant"]);
        Assert.Equal("land.parcel-record/v1", p["cloudEvents:contractversion"]);
        Assert.Equal(accepted.Time.ToUnixTimeMilliseconds(), received.Instant("cloudEvents:time")?.ToUnixTimeMilliseconds());
        Assert.Equal(accepted.ReceivedAt.ToUnixTimeMilliseconds(), received.Instant("cloudEvents:recvtime")?.ToUnixTimeMilliseconds());
        Assert.False(p.ContainsKey("cloudEvents:datacontenttype"));
        Assert.False(p.ContainsKey("cloudEvents:dataref"));
        Assert.False(p.ContainsKey(DeadLetters.ReplayToProperty));
    }

    [Fact]
    public async Task A_record_above_the_inline_limit_is_published_with_a_dataref_and_no_data()
    {
        await using var hub = Compose(Transport.Settings, ("MaxInlineDataBytes", "64"));
        var accepted = ContractEvents.New(data: "{\"notes\":\"" + new string('x', 500) + "\"}", recordBlob: "records/contract.json");

        await hub.Publisher.PublishAsync(accepted, CancellationToken.None);

        var received = await Transport.ReceiveAsync(ContractEvents.Topic, "ioc", m => m.MessageId == accepted.KeyHash, Wait);
        Assert.NotNull(received);
        Assert.Equal(hub.Archive.RecordUri("records/contract.json").ToString(), received.Properties["cloudEvents:dataref"]);
        Assert.Empty(received.Body);
        Assert.Null(received.ContentType);
    }

    [Fact]
    public async Task A_dead_lettered_message_is_listed_stays_listed_and_is_replayed_to_its_subscription_only()
    {
        await using var hub = Compose(Transport.Settings);
        var accepted = ContractEvents.New();
        var id = accepted.KeyHash;
        await hub.Publisher.PublishAsync(accepted, CancellationToken.None);
        Assert.NotNull(await Transport.ReceiveAsync(ContractEvents.Topic, "ndxp", m => m.MessageId == id, Wait));
        Assert.True(await Transport.DeadLetterAsync(ContractEvents.Topic, "ioc", id, Wait), "the ioc consumer never got the message to dead-letter");

        var listed = await ListUntilAsync(hub.DeadLetters, id);
        var item = Assert.Single(listed, i => i.MessageId == id);
        Assert.Equal(accepted.Id, item.Id);
        Assert.Equal(ContractEvents.Source, item.Source);
        Assert.Equal("land.parcel-record.v1", item.Type);
        Assert.Equal(accepted.Subject, item.Subject);
        Assert.Equal(accepted.Time.ToUnixTimeMilliseconds(), item.Time?.ToUnixTimeMilliseconds());
        Assert.Contains(await hub.DeadLetters.ListAsync(ContractEvents.Topic, "ioc", DeadLetters.MaxListed, CancellationToken.None), i => i.MessageId == id);

        var replay = await hub.DeadLetters.ReplayAsync(ContractEvents.Topic, "ioc", [id, "not-dead-lettered"], CancellationToken.None);

        Assert.Equal([id], replay.Replayed);
        Assert.Equal(["not-dead-lettered"], replay.NotFound);
        // RabbitMQ keeps the message id; Service Bus gives the copy a new one correlated to the original.
        bool IsCopy(ContractMessage m) => m.MessageId == id || m.CorrelationId == id;
        var again = await Transport.ReceiveAsync(ContractEvents.Topic, "ioc", IsCopy, Wait);
        Assert.NotNull(again);
        Assert.Equal(accepted.Id, again.Properties["cloudEvents:id"]);
        Assert.Equal(accepted.Subject, again.Subject);
        Assert.Null(await Transport.ReceiveAsync(ContractEvents.Topic, "ndxp", IsCopy, Quiet));
        Assert.DoesNotContain(await hub.DeadLetters.ListAsync(ContractEvents.Topic, "ioc", DeadLetters.MaxListed, CancellationToken.None), i => i.MessageId == id);
    }

    [Fact]
    public async Task A_broker_that_cannot_be_reached_is_reported_as_unavailable()
    {
        await using var hub = Compose(Transport.UnreachableSettings, ("SendTimeout", "00:00:05"));

        await Assert.ThrowsAsync<BrokerUnavailableException>(() => hub.Publisher.PublishAsync(ContractEvents.New(), CancellationToken.None));
        await Assert.ThrowsAsync<BrokerUnavailableException>(() => hub.Publisher.PublishBatchAsync([ContractEvents.New(), ContractEvents.New()], CancellationToken.None));
        Assert.False(await hub.Publisher.IsAvailableAsync(CancellationToken.None));
        await Assert.ThrowsAsync<BrokerUnavailableException>(() => hub.DeadLetters.ListAsync(ContractEvents.Topic, "ioc", 10, CancellationToken.None));
        await Assert.ThrowsAsync<BrokerUnavailableException>(() => hub.DeadLetters.ReplayAsync(ContractEvents.Topic, "ioc", ["x"], CancellationToken.None));
    }

    [Fact]
    public async Task A_reachable_broker_is_reported_as_available()
    {
        await using var hub = Compose(Transport.Settings);

        Assert.True(await hub.Publisher.IsAvailableAsync(CancellationToken.None));
    }

    // A message the broker has just dead-lettered can take a moment to show in the dead-letter queue.
    private static async Task<IReadOnlyList<DeadLettersItem>> ListUntilAsync(DeadLetters deadLetters, string messageId)
    {
        IReadOnlyList<DeadLettersItem> listed = [];
        for (var attempt = 0; attempt < 10; attempt++)
        {
            listed = await deadLetters.ListAsync(ContractEvents.Topic, "ioc", DeadLetters.MaxListed, CancellationToken.None);
            if (listed.Any(i => i.MessageId == messageId))
            {
                break;
            }

            await Task.Delay(500);
        }

        return listed;
    }

    private static ComposedMessaging Compose(IReadOnlyDictionary<string, string?> settings, params (string Key, string Value)[] overrides)
    {
        var values = settings.ToDictionary(s => MessagingOptions.Section + ":" + s.Key, s => s.Value);
        values[MessagingOptions.Section + ":CheckTopology"] = "false";
        foreach (var (key, value) in overrides)
        {
            values[MessagingOptions.Section + ":" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IHostEnvironment>(new ContractEnvironment());
        // Only RecordUri is used (it does no I/O): the claim-check URI the message carries.
        var archive = new BlobEventArchive(new BlobServiceClient(new Uri("https://contractdata.blob.core.windows.net")), new StorageOptions());
        services.AddSingleton<IEventArchive>(archive);
        services.AddHubMessaging(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ComposedMessaging(provider, archive);
    }

    private sealed class ComposedMessaging(ServiceProvider provider, IEventArchive archive) : IAsyncDisposable
    {
        public ITopicPublisher Publisher { get; } = provider.GetRequiredService<ITopicPublisher>();
        public DeadLetters DeadLetters { get; } = provider.GetRequiredService<DeadLetters>();
        public IEventArchive Archive { get; } = archive;

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }

    /// <summary>Production, so the contract also runs under the start-up rules of a deployed hub.</summary>
    private sealed class ContractEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "IntegrationHub.ContractTests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
