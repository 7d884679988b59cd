using IntegrationHub.Core.Messaging;
using IntegrationHub.Functions.Tests.Auth;
using IntegrationHub.Core.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Tests.Hosting;

/// <summary>The hub's start with each transport's settings, in Production: wrong settings stop the start and name the setting.</summary>
public sealed class MessagingStartupTests
{
    private static Task<InProcessHub> StartAsync(params string[] settings)
    {
        var all = HubSettings.WithoutBackends();
        all["Hub:SenderRegistryPath"] = Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json");
        foreach (var setting in settings)
        {
            var (key, value) = (setting[2..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            all[key] = value;
        }

        return InProcessHub.StartAsync("Production", all);
    }

    [Fact]
    public async Task Plain_amqp_to_another_host_stops_a_production_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync("--Hub:Messaging:Endpoint=amqp://hub:secret@broker.example.org:5672"));

        Assert.Contains("Hub:Messaging:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("amqps://", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_Bus_without_a_namespace_or_connection_string_stops_the_start_naming_the_settings()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync("--Hub:Messaging:Transport=ServiceBus"));

        Assert.Contains("FullyQualifiedNamespace", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_transport_stops_the_start()
    {
        var error = await Record.ExceptionAsync(() => StartAsync("--Hub:Messaging:Transport=Kafka"));

        Assert.NotNull(error);
        Assert.Contains("Hub:Messaging:Transport", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Service_Bus_selected_the_hub_publishes_and_administers_dead_letters_through_the_SDK()
    {
        await using var hub = await StartAsync(
            "--Hub:Messaging:Transport=ServiceBus",
            "--Hub:Messaging:FullyQualifiedNamespace=integrationhub-test.servicebus.windows.net",
            "--Hub:Messaging:CheckTopology=false");

        Assert.IsType<ServiceBusTopicPublisher>(hub.Services.GetRequiredService<ITopicPublisher>());
        Assert.IsType<ServiceBusDeadLetterQueue>(hub.Services.GetRequiredService<IDeadLetterQueue>());
        Assert.Equal("integrationhub-test.servicebus.windows.net",
            hub.Services.GetRequiredService<Azure.Messaging.ServiceBus.ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public async Task By_default_the_hub_publishes_over_AMQP_1_0()
    {
        await using var hub = await StartAsync();

        Assert.IsType<AmqpTopicPublisher>(hub.Services.GetRequiredService<ITopicPublisher>());
        Assert.IsType<AmqpDeadLetterQueue>(hub.Services.GetRequiredService<IDeadLetterQueue>());
    }
}
