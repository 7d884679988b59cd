namespace IntegrationHub.Core.Tests.Support;

/// <summary>A clock that says what the test says. The samples' documented clock is 2026-11-20 12:00 in the province.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset SamplesNow = new(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(7));

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
