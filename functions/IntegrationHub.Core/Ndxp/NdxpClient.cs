using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// POSTs CloudEvents to the national endpoint: structured mode, <c>Idempotency-Key</c> = the message id, a bearer token
/// when OAuth is configured, the client certificate when one is configured (mutual TLS). Redirects are not followed.
/// </summary>
public sealed class NdxpClient(NdxpOptions options, HttpClient http)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>One POST; <paramref name="token"/> is the bearer token to send (null: none).</summary>
    public async Task<NdxpAttempt> PostAsync(string idempotencyKey, byte[] cloudEventJson, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Endpoint!))
        {
            Content = new ByteArrayContent(cloudEventJson),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(NdxpCloudEventJson.MediaType) { CharSet = "utf-8" };
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new NdxpAttempt((int)response.StatusCode, RetryAfter(response.Headers.RetryAfter), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NdxpAttempt(null, null, "timeout");
        }
        catch (HttpRequestException e)
        {
            return new NdxpAttempt(null, null, $"connection failed ({e.HttpRequestError})");
        }
    }

    /// <summary>The HTTP client for the endpoint and the token endpoint: the client certificate, no redirects, no cookies.</summary>
    public static HttpClient CreateHttpClient(NdxpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.RequestTimeout,
        };
        if (LoadCertificate(options) is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The client certificate from <see cref="NdxpOptions.ClientCertificate"/> (base64 PKCS#12) or its path; null when none.</summary>
    public static X509Certificate2? LoadCertificate(NdxpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ClientCertificate))
        {
            return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(options.ClientCertificate), options.ClientCertificatePassword);
        }

        return string.IsNullOrWhiteSpace(options.ClientCertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(options.ClientCertificatePath, options.ClientCertificatePassword);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
