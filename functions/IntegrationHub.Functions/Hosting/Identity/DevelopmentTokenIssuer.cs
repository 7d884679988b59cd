using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// Issues tokens shaped like the Entra ID v2 app-only (client-credentials) access tokens the hub receives in production,
/// signed RS256 with the development key. Used by <c>hubdev token</c> and the tests; the hub itself never issues tokens.
/// This file is compiled into both the hub and hubdev.
/// </summary>
public sealed class DevelopmentTokenIssuer(DevelopmentIssuerKey key)
{
    /// <summary>The issuer of a tenant, in Entra ID's v2 form: <c>&lt;instance&gt;/&lt;tenant&gt;/v2.0</c>.</summary>
    public static string IssuerFor(string instance, string tenantId) => $"{instance.TrimEnd('/')}/{tenantId}/v2.0";

    /// <summary>
    /// The claims of an app-only token: <c>azp</c> (the calling application's client id), <c>tid</c>, <c>roles</c>, the
    /// lifetime claims and <c>ver</c> 2.0; <c>oid</c>/<c>sub</c> stand for the application's service principal.
    /// </summary>
    public static JsonObject AppOnlyClaims(string issuer, string audience, string tenantId, string clientId, IEnumerable<string> roles,
        DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var servicePrincipal = ServicePrincipalId(clientId);
        var claims = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = issuer,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
            ["azp"] = clientId,
            ["azpacr"] = "1",
            ["oid"] = servicePrincipal,
            ["sub"] = servicePrincipal,
            ["tid"] = tenantId,
            ["uti"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            ["ver"] = "2.0",
        };
        var array = new JsonArray();
        foreach (var role in roles)
        {
            array.Add(role);
        }

        if (array.Count > 0)
        {
            claims["roles"] = array;
        }

        return claims;
    }

    public string Issue(string issuer, string audience, string tenantId, string clientId, IEnumerable<string> roles, DateTimeOffset issuedAt, TimeSpan lifetime) =>
        Sign(AppOnlyClaims(issuer, audience, tenantId, clientId, roles, issuedAt, lifetime));

    /// <summary>A compact JWS (RFC 7515) of <paramref name="claims"/>, RS256 with the development key.</summary>
    public string Sign(JsonObject claims) => Sign(claims, key.Rsa, key.KeyId);

    /// <summary>A compact JWS signed with any RSA key under any <c>kid</c> (the tests forge tokens with it).</summary>
    public static string Sign(JsonObject claims, RSA rsa, string keyId)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = keyId, ["typ"] = "JWT" };
        var signingInput = Segment(header) + "." + Segment(claims);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>One base64url-encoded JSON segment of a compact JWS.</summary>
    public static string Segment(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    // In Entra ID the service principal's object id differs from the client id; derive a stable stand-in from it.
    private static string ServicePrincipalId(string clientId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("service-principal:" + clientId.ToLowerInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
