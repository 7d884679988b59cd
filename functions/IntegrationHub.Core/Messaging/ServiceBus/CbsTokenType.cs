namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>The put-token <c>type</c> values Service Bus accepts.</summary>
public static class CbsTokenType
{
    /// <summary>A Microsoft Entra ID access token.</summary>
    public const string Jwt = "jwt";

    /// <summary>A shared access signature token.</summary>
    public const string SharedAccessSignature = "servicebus.windows.net:sastoken";
}
