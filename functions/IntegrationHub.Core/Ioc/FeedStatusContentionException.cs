namespace IntegrationHub.Core.Ioc;

/// <summary>A feed-hour row kept changing under us through every retry.</summary>
public sealed class FeedStatusContentionException(string message) : Exception(message);
