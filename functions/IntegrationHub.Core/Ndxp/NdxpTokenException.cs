namespace IntegrationHub.Core.Ndxp;

/// <summary>No token could be had from the national token endpoint; the run pauses the feeds and retries later.</summary>
public sealed class NdxpTokenException : Exception
{
    public NdxpTokenException(string message) : base(message)
    {
    }

    public NdxpTokenException(string message, Exception inner) : base(message, inner)
    {
    }
}
