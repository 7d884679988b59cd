using IntegrationHub.Core.Scheduling;

namespace IntegrationHub.Functions.Hosting;

/// <summary>Runs the timer functions on their function.json schedules when no Functions host does it for us.</summary>
public sealed partial class TimerScheduler(TimerFunctions timers, IServiceProvider services, TimeProvider clock, IConfiguration configuration,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FunctionsHostExtensions.IsUnderFunctionsHost || configuration.GetValue("Hub:DisableTimers", false))
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(timers.Names.Select(name => RunAsync(name, NCrontabSchedule.Parse(TimerFunctions.ReadSchedule(name)), stoppingToken)));
    }

    private async Task RunAsync(string name, NCrontabSchedule schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            try
            {
                await Task.Delay(schedule.Next(now) - now, clock, stoppingToken);
                var summary = await timers.InvokeAsync(name, services, stoppingToken);
                LogRun(logger, name, summary);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed run is retried at the next occurrence, as the Functions host would.
                LogFailed(logger, name, e.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {Function} ran: {Summary}")]
    private static partial void LogRun(ILogger logger, string function, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function} failed: {Error} {Message}")]
    private static partial void LogFailed(ILogger logger, string function, string error, string message);
}
