using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

public sealed class ServiceBusAddressTests
{
    [Fact]
    public void Topic_is_the_topic_name()
    {
        Assert.Equal("lgsp.edu.school-status.v1", ServiceBusAddress.Topic("lgsp.edu.school-status.v1"));
    }

    [Fact]
    public void Subscription_is_under_the_topics_subscriptions_segment()
    {
        Assert.Equal("lgsp.edu.school-status.v1/Subscriptions/ioc", ServiceBusAddress.Subscription("lgsp.edu.school-status.v1", "ioc"));
    }

    [Fact]
    public void DeadLetter_is_the_subscriptions_dead_letter_queue()
    {
        Assert.Equal(
            "lgsp.edu.school-status.v1/Subscriptions/ioc/$DeadLetterQueue",
            ServiceBusAddress.DeadLetter("lgsp.edu.school-status.v1", "ioc"));
    }

    [Fact]
    public void Subscription_rejects_a_name_with_a_slash()
    {
        Assert.Throws<ArgumentException>(() => ServiceBusAddress.Subscription("topic", "a/b"));
    }

    [Theory]
    [InlineData("lgsp.edu.school-status.v1", "amqps://contoso.servicebus.windows.net/lgsp.edu.school-status.v1")]
    [InlineData("lgsp.edu.school-status.v1/Subscriptions/IOC", "amqps://contoso.servicebus.windows.net/lgsp.edu.school-status.v1/subscriptions/ioc")]
    [InlineData("/Orders", "amqps://contoso.servicebus.windows.net/orders")]
    public void Audience_is_the_lower_cased_amqps_entity_uri(string entityPath, string expected)
    {
        Assert.Equal(expected, ServiceBusAddress.Audience("Contoso.servicebus.windows.net", entityPath));
    }

    [Theory]
    [InlineData("sb://contoso.servicebus.windows.net/")]
    [InlineData("contoso.servicebus.windows.net/")]
    public void Audience_requires_a_bare_namespace_host(string fullyQualifiedNamespace)
    {
        var exception = Assert.Throws<ArgumentException>(() => ServiceBusAddress.Audience(fullyQualifiedNamespace, "orders"));

        Assert.Contains("host name", exception.Message, StringComparison.Ordinal);
    }
}
