namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// The NDXP forwarding connector (<c>Hub:Ndxp</c>). Forwarding is off while <see cref="Endpoint"/> is empty. Secrets
/// (<see cref="ClientSecret"/>, <see cref="ClientCertificate"/>) come from configuration or Key Vault references, never from
/// the repository.
/// </summary>
public sealed class NdxpOptions
{
    public const string Section = "Hub:Ndxp";

    /// <summary>The national endpoint events are POSTed to (HTTPS; plain HTTP only to a loopback address). Empty: forwarding is off.</summary>
    public string? Endpoint { get; set; }

    /// <summary>No new message is taken after this much of a run; requests in flight finish within <see cref="RequestTimeout"/>.</summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long one POST may take before it counts as a timeout (transient).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most POSTs in flight at once, over all feeds.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Most POSTs started per second, over all feeds.</summary>
    public double MaxRequestsPerSecond { get; set; } = 20;

    /// <summary>Messages taken from one subscription at a time.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>
    /// Attempts after which a message that still fails transiently is dead-lettered (<c>MaxDeliveryCountExceeded</c>). Keep it
    /// at or below the subscription's own limit (Service Bus MaxDeliveryCount, RabbitMQ <c>x-delivery-limit</c>).
    /// </summary>
    public int MaxDeliveries { get; set; } = 10;

    /// <summary>Statuses that dead-letter at once (<c>PermanentFailure</c>); every other non-2xx is retried.</summary>
    public int[] PermanentStatusCodes { get; set; } = [400, 403, 404, 405, 406, 409, 410, 411, 413, 414, 415, 422];

    /// <summary>First pause of a feed after a transient failure; doubled per attempt of the failing message.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest pause of a feed, also the cap on a <c>Retry-After</c> the endpoint asks for.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>OAuth 2.0 client credentials: the token endpoint. Empty: no bearer token is sent.</summary>
    public string? TokenEndpoint { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret; in Azure a Key Vault reference (<c>@Microsoft.KeyVault(SecretUri=...)</c>).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The <c>scope</c> sent with the token request, if the national side wants one.</summary>
    public string? Scope { get; set; }

    /// <summary>A client certificate for mutual TLS: base64 PKCS#12 (a Key Vault certificate referenced as a secret).</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>Or the path of a PKCS#12 file holding the client certificate.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);

    public bool UsesOAuth => !string.IsNullOrWhiteSpace(TokenEndpoint);

    /// <summary>Checks the settings; <paramref name="problem"/> names the first wrong one.</summary>
    public bool IsValid(out string problem)
    {
        problem = "";
        if (IsEnabled && !IsAllowedUri(Endpoint!))
        {
            problem = "Hub:Ndxp:Endpoint must be an absolute https:// URL (http:// only to a loopback address).";
        }
        else if (UsesOAuth && !IsAllowedUri(TokenEndpoint!))
        {
            problem = "Hub:Ndxp:TokenEndpoint must be an absolute https:// URL (http:// only to a loopback address).";
        }
        else if (UsesOAuth && (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret)))
        {
            problem = "Hub:Ndxp:TokenEndpoint needs Hub:Ndxp:ClientId and Hub:Ndxp:ClientSecret.";
        }
        else if (MaxConcurrency < 1 || BatchSize < 1 || MaxDeliveries < 1 || MaxRequestsPerSecond <= 0)
        {
            problem = "Hub:Ndxp: MaxConcurrency, BatchSize, MaxDeliveries and MaxRequestsPerSecond must be positive.";
        }
        else if (RunBudget <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero || RunBudget + RequestTimeout >= TimeSpan.FromSeconds(15))
        {
            problem = "Hub:Ndxp: RunBudget plus RequestTimeout must be positive and under the 15 s schedule of NdxpForwarder.";
        }
        else if (BackoffBase <= TimeSpan.Zero || BackoffMax < BackoffBase)
        {
            problem = "Hub:Ndxp: BackoffBase must be positive and BackoffMax at least BackoffBase.";
        }

        return problem.Length == 0;
    }

    private static bool IsAllowedUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
