using IntegrationHub.Core.Ingest;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntegrationHub.Functions.Hosting;

/// <summary>Metrics and traces through OpenTelemetry; exported over OTLP when an endpoint is configured.</summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddHubTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("integrationhub"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HubMetrics.MeterName).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.RecordException = false);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        return builder;
    }
}
