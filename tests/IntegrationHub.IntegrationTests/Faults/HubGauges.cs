using System.Diagnostics.Metrics;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>Reads the current values of one hub's gauges (meter <c>IntegrationHub</c> of that hub's meter factory only).</summary>
public static class HubGauges
{
    public static Dictionary<string, double> Read(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HubMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }
}
