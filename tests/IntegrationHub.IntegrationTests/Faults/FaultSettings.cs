namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>Hub settings of the fault tests: timers on (the local runner runs the relay on its [TimerTrigger] schedule), short relay delays.</summary>
public static class FaultSettings
{
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromSeconds(3);

    public static readonly string[] TimersOn =
    [
        "--Hub:DisableTimers=false",
        "--Hub:Relay:Grace=00:00:02",
        "--Hub:Relay:InitialBackoff=00:00:01",
        "--Hub:Relay:MaxBackoff=00:00:05",
        $"--Hub:Relay:DegradedAfter={DegradedAfter:c}",
    ];
}
