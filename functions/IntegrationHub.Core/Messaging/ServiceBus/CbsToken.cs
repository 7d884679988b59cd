namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>A token to put on the <c>$cbs</c> node.</summary>
/// <param name="Value">The raw token text; never log it.</param>
/// <param name="Type">The put-token type, one of <see cref="CbsTokenType"/>.</param>
/// <param name="ExpiresAt">When the token stops being valid.</param>
public sealed record CbsToken(string Value, string Type, DateTimeOffset ExpiresAt)
{
    /// <summary>Describes the token without its value.</summary>
    public override string ToString() => $"CbsToken {{ Type = {Type}, ExpiresAt = {ExpiresAt:O} }}";
}
