namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// The <c>$cbs</c> node refused a put-token. The message names the audience, the status code and
/// the status description, never the token.
/// </summary>
public sealed class CbsAuthorizationException : Exception
{
    /// <summary>Creates the exception for a refused put-token.</summary>
    public CbsAuthorizationException(string audience, int statusCode, string? statusDescription)
        : base(FormatMessage(audience, statusCode, statusDescription))
    {
        Audience = audience;
        StatusCode = statusCode;
        StatusDescription = statusDescription;
    }

    /// <summary>The entity URI the token was put for.</summary>
    public string Audience { get; }

    /// <summary>The response's <c>status-code</c> (HTTP semantics, e.g. 401).</summary>
    public int StatusCode { get; }

    /// <summary>The response's <c>status-description</c>, if any.</summary>
    public string? StatusDescription { get; }

    private static string FormatMessage(string audience, int statusCode, string? statusDescription) =>
        $"The $cbs node refused the token for '{audience}': status-code {statusCode}, status-description '{statusDescription ?? "(none)"}'.";
}
