using System.Diagnostics.Metrics;

namespace IntegrationHub.Core.Ingest;

/// <summary>The hub's metrics (meter <c>IntegrationHub</c>), exported through OpenTelemetry by the host.</summary>
public sealed class HubMetrics
{
    public const string MeterName = "IntegrationHub";

    private readonly Counter<long> _events;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private long _outboxPending;
    private double _outboxOldestSeconds;

    public HubMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _events = meter.CreateCounter<long>("hub.events", description: "Events received, by feed and outcome");
        _published = meter.CreateCounter<long>("hub.events.published", description: "Events published to their topic, by path (fast or relay)");
        _publishFailures = meter.CreateCounter<long>("hub.publish.failures", description: "Publish attempts that failed");
        meter.CreateObservableGauge("hub.outbox.pending", () => Interlocked.Read(ref _outboxPending), description: "Accepted events not yet published");
        meter.CreateObservableGauge("hub.outbox.oldest_age", () => Volatile.Read(ref _outboxOldestSeconds), unit: "s", description: "Age of the oldest unpublished event");
    }

    public void Event(string feed, string outcome) => _events.Add(1, new("feed", feed), new("outcome", outcome));

    public void Published(string path) => _published.Add(1, new KeyValuePair<string, object?>("path", path));

    public void PublishFailed(string path) => _publishFailures.Add(1, new KeyValuePair<string, object?>("path", path));

    public void Outbox(int pending, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _outboxPending, pending);
        Volatile.Write(ref _outboxOldestSeconds, oldestAge.TotalSeconds);
    }
}
