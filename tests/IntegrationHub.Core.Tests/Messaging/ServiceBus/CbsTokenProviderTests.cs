using System.Net;
using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

public sealed class CbsTokenProviderTests
{
    private const string Key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string Audience = "amqps://contoso.servicebus.windows.net/orders";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public async Task Sas_provider_signs_the_audience_for_thirty_minutes_by_default()
    {
        var provider = new SasCbsTokenProvider("SendPolicy", Key, new ManualTimeProvider(Now));

        var token = await provider.GetTokenAsync(Audience, CancellationToken.None);

        Assert.Equal(CbsTokenType.SharedAccessSignature, token.Type);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero), token.ExpiresAt);
        Assert.Equal(SharedAccessSignature.Create(Audience, "SendPolicy", Key, token.ExpiresAt), token.Value);
        Assert.Contains("sr=" + WebUtility.UrlEncode(Audience) + "&", token.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sas_provider_uses_the_configured_validity_and_connection_string_policy()
    {
        var connectionString = ServiceBusConnectionString.Parse(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=SendPolicy;SharedAccessKey={Key}");
        var provider = new SasCbsTokenProvider(connectionString, new ManualTimeProvider(Now), TimeSpan.FromMinutes(5));

        var token = await provider.GetTokenAsync(Audience, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero), token.ExpiresAt);
        Assert.EndsWith("&skn=SendPolicy", token.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_provider_asks_for_the_service_bus_scope_and_returns_a_jwt()
    {
        var expiresOn = Now.AddHours(1);
        var credential = new FixedTokenCredential("eyJhbGciOiJub25lIn0.eyJhdWQiOiJzYiJ9.", expiresOn);
        var provider = new EntraCbsTokenProvider(credential);

        var token = await provider.GetTokenAsync(Audience, CancellationToken.None);

        Assert.Equal(new CbsToken("eyJhbGciOiJub25lIn0.eyJhdWQiOiJzYiJ9.", CbsTokenType.Jwt, expiresOn), token);
        Assert.Equal(["https://servicebus.azure.net/.default"], Assert.Single(credential.RequestedScopes));
    }

    [Fact]
    public void Token_ToString_leaves_out_the_value()
    {
        var token = new CbsToken("secret-token-text", CbsTokenType.Jwt, Now);

        Assert.DoesNotContain("secret-token-text", token.ToString(), StringComparison.Ordinal);
        Assert.Contains(CbsTokenType.Jwt, token.ToString(), StringComparison.Ordinal);
    }
}
