namespace IntegrationHub.Core.Ndxp;

/// <summary>What the forwarder does with a message after a POST.</summary>
public enum NdxpSettlementAction
{
    /// <summary>Remove it from the subscription: the endpoint took it (2xx).</summary>
    Complete,

    /// <summary>Return it to the subscription and pause its feed: the failure may pass.</summary>
    Abandon,

    /// <summary>Move it to the subscription's dead-letter queue with a reason.</summary>
    DeadLetter,

    /// <summary>Fetch a new token and POST again, once, within the same attempt (401).</summary>
    RefreshTokenAndRetry,
}
