namespace IntegrationHub.Core.Ioc;

/// <summary>How fresh a feed is, judged from its last accepted event and its cadence.</summary>
public static class FeedState
{
    public const string Fresh = "fresh";
    public const string Late = "late";
    public const string Silent = "silent";
}
