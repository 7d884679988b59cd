using IntegrationHub.Core.Storage;
using Polly;
using Polly.Retry;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The start-up retries (Polly): creating tables and containers until storage answers, declaring the RabbitMQ topology until
/// the broker does. Exponential back-off with jitter, retried until the host stops: the hub must start whatever its
/// dependencies are doing, and reports what it waits for.
/// </summary>
public static class StartupRetry
{
    /// <summary>Retries on <see cref="StorageUnavailableException"/>, from 0.5 s up to 10 s apart.</summary>
    public static ResiliencePipeline UntilStorageAnswers(Action<OnRetryArguments<object>> onRetry) =>
        Build(new PredicateBuilder().Handle<StorageUnavailableException>(), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), onRetry);

    /// <summary>Retries on any failure but cancellation, from 1 s up to 30 s apart.</summary>
    public static ResiliencePipeline UntilItSucceeds(Action<OnRetryArguments<object>> onRetry) =>
        Build(new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), onRetry);

    private static ResiliencePipeline Build(PredicateBuilder<object> shouldHandle, TimeSpan delay, TimeSpan maxDelay, Action<OnRetryArguments<object>> onRetry) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = shouldHandle,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay,
                MaxDelay = maxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    onRetry(args);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
