using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

public sealed class SharedAccessSignatureTests
{
    // Fake key: base64 of the bytes 0x00..0x1F. Vectors cross-checked with Python hmac and openssl.
    private const string KeyName = "SendPolicy";
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    [Theory]
    [InlineData("https://contoso.servicebus.windows.net/orders", "xqtJj0dtmHUF8bYUarhIs0lapBD2szV5gKLfjxaJnuA=")]
    [InlineData("amqps://contoso.servicebus.windows.net/orders", "hcmlCWcaIO+RXP2VScQ7P7u01+99Oyl3HQrKGLPGV5g=")]
    [InlineData("https://contoso.servicebus.windows.net/orders/subscriptions/audit", "2wNdSTQ2W9B4VeW8Yk2PTqbMMTEsNIcc9exW+UXOo+I=")]
    public void Create_signs_the_upper_hex_encoded_resource_and_expiry(string resourceUri, string expectedSignature)
    {
        var token = SharedAccessSignature.Create(resourceUri, KeyName, Key, Expiry);

        var sig = Field(token, "sig");
        Assert.Equal(expectedSignature, System.Net.WebUtility.UrlDecode(sig));
    }

    [Fact]
    public void Create_writes_the_documented_token_for_an_https_resource()
    {
        var token = SharedAccessSignature.Create("https://contoso.servicebus.windows.net/orders", KeyName, Key, Expiry);

        Assert.Equal(
            "SharedAccessSignature sr=https%3A%2F%2Fcontoso.servicebus.windows.net%2Forders&sig=xqtJj0dtmHUF8bYUarhIs0lapBD2szV5gKLfjxaJnuA%3D&se=1767225600&skn=SendPolicy",
            token);
    }

    [Fact]
    public void Create_url_encodes_plus_slash_and_equals_in_the_signature()
    {
        var token = SharedAccessSignature.Create("amqps://contoso.servicebus.windows.net/orders", KeyName, Key, Expiry);

        Assert.Equal(
            "SharedAccessSignature sr=amqps%3A%2F%2Fcontoso.servicebus.windows.net%2Forders&sig=hcmlCWcaIO%2BRXP2VScQ7P7u01%2B99Oyl3HQrKGLPGV5g%3D&se=1767225600&skn=SendPolicy",
            token);
    }

    [Fact]
    public void Hex_case_of_the_encoded_resource_changes_the_signature()
    {
        var lowerHex = SharedAccessSignature.ComputeSignature("https%3a%2f%2fcontoso.servicebus.windows.net%2forders\n1767225600", Key);
        var upperHex = SharedAccessSignature.ComputeSignature("https%3A%2F%2Fcontoso.servicebus.windows.net%2Forders\n1767225600", Key);

        Assert.Equal("3UnsY4inCy6Qf93Um5Pyz0dZC3jkB1NKANC+AczzztI=", lowerHex);
        Assert.Equal("xqtJj0dtmHUF8bYUarhIs0lapBD2szV5gKLfjxaJnuA=", upperHex);
    }

    [Fact]
    public void Create_truncates_the_expiry_to_whole_seconds()
    {
        var token = SharedAccessSignature.Create("https://contoso.servicebus.windows.net/orders", KeyName, Key, Expiry.AddMilliseconds(999));

        Assert.Equal("1767225600", Field(token, "se"));
    }

    [Fact]
    public void Create_rejects_an_overlong_key_without_echoing_it()
    {
        var key = new string('k', 257);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => SharedAccessSignature.Create("https://contoso.servicebus.windows.net/orders", KeyName, key, Expiry));

        Assert.DoesNotContain(key, exception.Message, StringComparison.Ordinal);
    }

    private static string Field(string token, string name)
    {
        const string Prefix = "SharedAccessSignature ";
        Assert.StartsWith(Prefix, token, StringComparison.Ordinal);
        return token[Prefix.Length..]
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .Single(pair => pair[0] == name)[1];
    }
}
