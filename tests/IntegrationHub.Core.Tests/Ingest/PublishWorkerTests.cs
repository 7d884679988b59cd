using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Core.Tests.Ingest;

public class PublishWorkerTests
{
    [Fact]
    public async Task A_send_failing_with_an_unexpected_exception_leaves_the_event_to_the_relay_and_the_worker_goes_on()
    {
        var publisher = new ScriptedPublisher(failWith: id => id == "e1" ? new InvalidOperationException("transport") : null);
        var outbox = new RecordingOutbox(failFirstFlush: false);
        var queue = new PublishQueue();
        long failures = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HubMetrics.MeterName && instrument.Name == "hub.publish.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();

        await RunUntilAsync(queue, publisher, outbox, ["e1", "e2", "e3"], () => outbox.Marked.Count == 2 && Interlocked.Read(ref failures) == 1);

        Assert.Equal(["e2", "e3"], outbox.Marked.Order());
        Assert.False(queue.IsInFlight(Key("e1")));
        Assert.Equal(1, Interlocked.Read(ref failures)); // counted as a failed fast-path publish, not lost as an unobserved task
    }

    [Fact]
    public async Task A_flush_failing_with_an_unexpected_exception_does_not_stop_later_flushes()
    {
        var publisher = new ScriptedPublisher(failWith: _ => null);
        var outbox = new RecordingOutbox(failFirstFlush: true);
        var queue = new PublishQueue();
        using var metrics = Metrics();
        var worker = new PublishWorker(queue, publisher, outbox, metrics.GetRequiredService<HubMetrics>(), NullLogger<PublishWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);

        Enqueue(queue, "e1");
        await WaitForAsync(() => outbox.FlushAttempts >= 1 && !queue.IsInFlight(Key("e1")));
        Enqueue(queue, "e2");
        await WaitForAsync(() => outbox.Marked.Contains("e2"));
        await worker.StopAsync(CancellationToken.None);

        Assert.DoesNotContain("e1", outbox.Marked);
        Assert.Contains("e2", outbox.Marked);
        Assert.True(outbox.FlushAttempts >= 2);
    }

    private static async Task RunUntilAsync(PublishQueue queue, ITopicPublisher publisher, IOutbox outbox, string[] ids, Func<bool> done)
    {
        using var metrics = Metrics();
        var worker = new PublishWorker(queue, publisher, outbox, metrics.GetRequiredService<HubMetrics>(), NullLogger<PublishWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        foreach (var id in ids)
        {
            Enqueue(queue, id);
        }

        await WaitForAsync(() => done() && ids.All(id => !queue.IsInFlight(Key(id))));
        await worker.StopAsync(CancellationToken.None);
    }

    // Polls a condition the worker reaches in milliseconds; the bound only keeps a broken worker from hanging the run.
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the worker did not reach the expected state");
    }

    private static ServiceProvider Metrics() =>
        new ServiceCollection().AddSingleton<IMeterFactory, OwnMeters>().AddSingleton<HubMetrics>().BuildServiceProvider();

    private static string Key(string id) => "key-" + id;

    private static void Enqueue(PublishQueue queue, string id) => Assert.True(queue.TryEnqueue(new AcceptedEvent
    {
        FeedId = "edu.school-status",
        Major = 1,
        Topic = "lgsp.edu.school-status.v1",
        Subject = "s-" + id,
        Commune = "00001",
        Source = "urn:test",
        Id = id,
        Type = "vn.gov.edu.school-status.v1",
        KeyHash = Key(id),
        ContentHash = "c-" + id,
        Time = DateTimeOffset.UnixEpoch,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        AdminCodes = "",
        EventJson = "{}"u8.ToArray(),
        Sender = SenderIdentity.Anonymous,
    }));

    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    private sealed class ScriptedPublisher(Func<string, Exception?> failWith) : ITopicPublisher
    {
        public Task PublishAsync(AcceptedEvent accepted, CancellationToken cancellationToken) =>
            failWith(accepted.Id) is { } failure ? Task.FromException(failure) : Task.CompletedTask;

        public Task PublishRawAsync(string topic, Amqp.Message message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> IsAvailableAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }

    private sealed class RecordingOutbox(bool failFirstFlush) : IOutbox
    {
        private int _flushes;

        public ConcurrentBag<string> Marked { get; } = [];

        public int FlushAttempts => Volatile.Read(ref _flushes);

        public Task MarkPublishedAsync(IReadOnlyCollection<AcceptedEvent> published, CancellationToken cancellationToken)
        {
            if (published.Count == 0)
            {
                return Task.CompletedTask;
            }

            if (Interlocked.Increment(ref _flushes) == 1 && failFirstFlush)
            {
                return Task.FromException(new InvalidOperationException("unexpected storage client failure"));
            }

            foreach (var accepted in published)
            {
                Marked.Add(accepted.Id);
            }

            return Task.CompletedTask;
        }

        public Task MarkPublishedAsync(AcceptedEvent accepted, CancellationToken cancellationToken) => MarkPublishedAsync([accepted], cancellationToken);

        public Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset createdBefore, DateTimeOffset now, int max, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RecordFailureAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PoisonEntry> PoisonAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> IsPendingAsync(AcceptedEvent accepted, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OutboxSummary> SummaryAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task EnsureCommittedAsync(AcceptedEvent accepted, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
