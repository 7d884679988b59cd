using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

public sealed class ServiceBusConnectionStringTests
{
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    [Fact]
    public void Parse_reads_endpoint_policy_and_key()
    {
        var parsed = ServiceBusConnectionString.Parse(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;SharedAccessKey={Key}");

        Assert.Equal(new Uri("sb://contoso.servicebus.windows.net/"), parsed.Endpoint);
        Assert.Equal("contoso.servicebus.windows.net", parsed.FullyQualifiedNamespace);
        Assert.Equal("SendPolicy", parsed.SharedAccessKeyName);
        Assert.Equal(Key, parsed.SharedAccessKey);
        Assert.Null(parsed.EntityPath);
    }

    [Fact]
    public void Parse_reads_an_entity_path_and_ignores_name_case_and_spacing()
    {
        var parsed = ServiceBusConnectionString.Parse(
            $" endpoint = sb://contoso.servicebus.windows.net ; sharedaccesskeyname=SendPolicy;SHAREDACCESSKEY={Key};EntityPath=lgsp.edu.school-status.v1;");

        Assert.Equal("contoso.servicebus.windows.net", parsed.FullyQualifiedNamespace);
        Assert.Equal(Key, parsed.SharedAccessKey);
        Assert.Equal("lgsp.edu.school-status.v1", parsed.EntityPath);
    }

    [Theory]
    [InlineData("SharedAccessKeyName=SendPolicy;SharedAccessKey=" + Key, "'Endpoint'")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKey=" + Key, "'SharedAccessKeyName'")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy", "'SharedAccessKey'")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;SharedAccessKey=", "'SharedAccessKey' is empty")]
    [InlineData("Endpoint=contoso;SharedAccessKeyName=SendPolicy;SharedAccessKey=" + Key, "'Endpoint' must be an absolute URI")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;SharedAccessKey=" + Key + ";EntityPath=", "'EntityPath' is empty")]
    public void Parse_names_the_missing_or_invalid_part(string connectionString, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => ServiceBusConnectionString.Parse(connectionString));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_a_repeated_key_without_echoing_either_value()
    {
        var exception = Assert.Throws<FormatException>(() => ServiceBusConnectionString.Parse(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;SharedAccessKey={Key};SharedAccessKey=other-secret"));

        Assert.Contains("'SharedAccessKey' more than once", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other-secret", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_a_part_without_a_name_without_echoing_it()
    {
        const string UnpaddedKey = "c2VjcmV0LWtleS10ZXh0LXdpdGhvdXQtcGFkZGluZw";

        var exception = Assert.Throws<FormatException>(() => ServiceBusConnectionString.Parse(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;{UnpaddedKey}"));

        Assert.Contains("part 3", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(UnpaddedKey, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ignores_unknown_parts_and_never_echoes_their_names()
    {
        // A padded key pasted without its name reads as an unknown part "AAEC…Hh8" with an empty value.
        var exception = Assert.Throws<FormatException>(() => ServiceBusConnectionString.Parse(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;{Key};{Key};TransportType=Amqp"));

        Assert.Equal("The Service Bus connection string has no 'SharedAccessKey'.", exception.Message);
    }

    [Fact]
    public void ToString_leaves_out_the_key()
    {
        var parsed = ServiceBusConnectionString.Parse(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;SharedAccessKey={Key};EntityPath=orders");

        var text = parsed.ToString();

        Assert.Equal("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;EntityPath=orders", text);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
    }
}
