using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The 401 answer: <c>WWW-Authenticate: Bearer</c> (RFC 6750, with <c>error="invalid_token"</c> when a token was sent) and
/// problem details. The reason is one of a few fixed sentences chosen by the kind of failure: token contents, claim values
/// and validation messages (which quote them) are never echoed.
/// </summary>
public static class BearerChallenge
{
    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var reason = Describe(context.AuthenticateFailure);
        context.Response.Headers.WWWAuthenticate = reason is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
        var detail = reason is null
            ? "This endpoint requires an Entra ID access token for the hub's API: send it as 'Authorization: Bearer <token>'."
            : reason + " Obtain a new access token for the hub's API and retry.";
        await Problems.Result(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail).ExecuteAsync(context.HttpContext);
    }

    /// <returns>Null when no token was sent; otherwise why the token was refused.</returns>
    public static string? Describe(Exception? failure) => failure switch
    {
        null => null,
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => Describe(aggregate.InnerExceptions[0]),
        HubTokenRejectedException rejected => rejected.Message,
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException or SecurityTokenInvalidLifetimeException => "The token has no valid lifetime.",
        SecurityTokenInvalidAudienceException => "The token was issued for another audience.",
        SecurityTokenInvalidIssuerException => "The token was issued by an issuer this hub does not trust.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidAlgorithmException
            => "The token's signature could not be verified.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        _ => "The token is not valid.",
    };
}
