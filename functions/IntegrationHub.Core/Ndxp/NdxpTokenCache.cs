using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// OAuth 2.0 client-credentials tokens for the national endpoint (RFC 6749 §4.4), cached until a minute before they expire.
/// After a 401 the forwarder calls <see cref="Invalidate"/> with the refused token and asks again: one new token, however
/// many requests were refused with the same one.
/// </summary>
public sealed class NdxpTokenCache(NdxpOptions options, HttpClient http, TimeProvider clock)
{
    /// <summary>A token is renewed this long before the expiry the token endpoint gave.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    /// <summary>Requests made to the token endpoint so far.</summary>
    public int Requests { get; private set; }

    /// <summary>The current token, fetched when there is none or it is about to expire; null when OAuth is not configured.</summary>
    /// <exception cref="NdxpTokenException">The token endpoint failed or answered without a token.</exception>
    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (!options.UsesOAuth)
        {
            return null;
        }

        if (Fresh() is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            var (value, lifetime) = await RequestAsync(cancellationToken);
            var renewAt = clock.GetUtcNow() + (lifetime > RenewBefore * 2 ? lifetime - RenewBefore : lifetime / 2);
            _current = (value, renewAt);
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="refused"/> if it is still the current token.</summary>
    public void Invalidate(string? refused)
    {
        if (refused is not null && _current is { } current && current.Token == refused)
        {
            _current = null;
        }
    }

    private string? Fresh() => _current is { } current && clock.GetUtcNow() < current.RenewAt ? current.Token : null;

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        Requests++;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId!,
            ["client_secret"] = options.ClientSecret!,
        };
        if (!string.IsNullOrWhiteSpace(options.Scope))
        {
            form["scope"] = options.Scope;
        }

        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            using var response = await http.PostAsync(new Uri(options.TokenEndpoint!), content, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new NdxpTokenException($"The token endpoint answered HTTP {(int)response.StatusCode}.");
            }

            var answer = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            if (answer?.AccessToken is not { Length: > 0 } token)
            {
                throw new NdxpTokenException("The token endpoint answered without an access_token.");
            }

            return (token, TimeSpan.FromSeconds(answer.ExpiresIn is > 0 ? answer.ExpiresIn.Value : 300));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw new NdxpTokenException($"The token endpoint failed: {e.GetType().Name}.", e);
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
