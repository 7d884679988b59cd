using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Hosting.Runner;

/// <summary>
/// The local runner's timers: each timer function on its own <c>[TimerTrigger]</c> schedule, on a single instance, without the
/// Functions host's schedule monitor (a run missed while the runner was down is not made up). Off with <c>Hub:DisableTimers</c>.
/// </summary>
public sealed partial class LocalTimerScheduler(IServiceProvider services, TimeProvider clock, IConfiguration configuration,
    ILogger<LocalTimerScheduler> logger) : BackgroundService
{
    public const string DisableSetting = "Hub:DisableTimers";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.GetValue(DisableSetting, false))
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(FunctionCatalog.Functions.Where(f => f.IsTimer)
            .Select(f => RunAsync(f, TimerSchedule.Parse(f.Schedule!), stoppingToken)));
    }

    private async Task RunAsync(FunctionDescriptor function, TimerSchedule schedule, CancellationToken stoppingToken)
    {
        DateTimeOffset? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = schedule.Next(now);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
                var timer = new TimerInfo
                {
                    IsPastDue = clock.GetUtcNow() - next > TimeSpan.FromSeconds(1),
                    ScheduleStatus = new ScheduleStatus { Last = (last ?? next).UtcDateTime, Next = schedule.Next(next).UtcDateTime, LastUpdated = next.UtcDateTime },
                };
                await FunctionInvoker.InvokeTimerAsync(function, services, timer, stoppingToken);
                last = next;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failed run is retried at the next occurrence, as the Functions host does.
                LogFailed(logger, function.Name, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Function} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string function, string error);
}
