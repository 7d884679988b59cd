using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.TestSupport;

/// <summary>The samples' documented clock: 2026-11-20 12:00 in the province (UTC+7).</summary>
public static class SampleTime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(7));

    /// <summary>A clock standing at <paramref name="now"/> (default <see cref="Now"/>) until the test moves it.</summary>
    public static FakeTimeProvider Clock(DateTimeOffset? now = null) => new(now ?? Now);
}
