using Azure;

namespace IntegrationHub.Core.Storage;

/// <summary>Turns "cannot reach storage" into one exception type; 4xx answers pass through for the callers' filters.</summary>
internal static class StorageGuard
{
    public static async Task<T> RunAsync<T>(string service, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException e) when (e.Status == 0 || e.Status >= 500)
        {
            throw new StorageUnavailableException($"{service} storage is unavailable.", e);
        }
        catch (Exception e) when (e is HttpRequestException or AggregateException or TimeoutException
            || (e is TaskCanceledException && e.InnerException is TimeoutException))
        {
            throw new StorageUnavailableException($"{service} storage is unavailable.", e);
        }
    }
}
