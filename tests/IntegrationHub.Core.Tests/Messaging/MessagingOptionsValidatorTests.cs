using IntegrationHub.Core.Messaging;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Core.Tests.Messaging;

/// <summary>The start-up check of <c>Hub:Messaging</c>: each transport's settings, and no plain AMQP outside Development.</summary>
public sealed class MessagingOptionsValidatorTests
{
    private const string ConnectionString = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=hub;SharedAccessKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    [Theory]
    [InlineData("Production", "amqps://hub:secret@broker.example.org:5671", true)]
    [InlineData("Production", "amqp://hub:secret@broker.example.org:5672", false)]
    [InlineData("Staging", "amqp://hub:secret@10.0.0.5:5672", false)]
    [InlineData("Development", "amqp://guest:guest@broker.example.org:5672", true)]
    [InlineData("Production", "amqp://guest:guest@127.0.0.1:5672", true)]
    [InlineData("Production", "amqp://guest:guest@localhost:5672", true)]
    [InlineData("Production", "http://broker.example.org", false)]
    [InlineData("Development", "not a url", false)]
    public void Plain_amqp_is_refused_outside_Development_unless_the_broker_is_on_loopback(string environment, string endpoint, bool valid)
    {
        var result = Validate(environment, new MessagingOptions { Endpoint = endpoint });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Hub:Messaging:Endpoint", result.FailureMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Service_Bus_takes_a_namespace_for_the_managed_identity_or_a_namespace_connection_string()
    {
        Assert.True(Validate("Production", new MessagingOptions { Transport = MessagingTransport.ServiceBus, FullyQualifiedNamespace = "contoso.servicebus.windows.net" }).Succeeded);
        Assert.True(Validate("Production", new MessagingOptions { Transport = MessagingTransport.ServiceBus, ConnectionString = ConnectionString }).Succeeded);
    }

    [Theory]
    [InlineData(null, null, "exactly one of FullyQualifiedNamespace")]
    [InlineData("contoso.servicebus.windows.net", ConnectionString, "exactly one of FullyQualifiedNamespace")]
    [InlineData("sb://contoso.servicebus.windows.net/", null, "Hub:Messaging:FullyQualifiedNamespace must be a host name")]
    [InlineData(null, "Endpoint=;SharedAccessKey=abc", "Hub:Messaging:ConnectionString is not a Service Bus connection string")]
    [InlineData(null, "SharedAccessKeyName=hub;SharedAccessKey=topsecret", "Hub:Messaging:ConnectionString is not a Service Bus connection string")]
    [InlineData(null, ConnectionString + ";EntityPath=lgsp.edu.school-status.v1", "names one entity (EntityPath)")]
    public void A_Service_Bus_setting_that_cannot_work_is_named(string? fullyQualifiedNamespace, string? connectionString, string expected)
    {
        var result = Validate("Production", new MessagingOptions
        {
            Transport = MessagingTransport.ServiceBus,
            FullyQualifiedNamespace = fullyQualifiedNamespace,
            ConnectionString = connectionString,
        });

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_transport_is_named()
    {
        var result = Validate("Development", new MessagingOptions { Transport = (MessagingTransport)7 });

        Assert.False(result.Succeeded);
        Assert.Contains("Hub:Messaging:Transport must be Amqp or ServiceBus", result.FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, MessagingOptions options) =>
        new MessagingOptionsValidator(new Environment(environment)).Validate(null, options);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "IntegrationHub.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
