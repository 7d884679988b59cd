using Azure.Core;
using Azure.Core.Pipeline;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Counts the calls the hub makes to Table and Blob storage (every attempt, retries included), through a pipeline
/// policy on each client. The cost model of the write path (docs/adr/0007) is stated in calls per request; this is how
/// it is measured, in tests and on a running hub.
/// </summary>
public sealed class StorageCallCounter
{
    private long _table;
    private long _blob;

    public StorageCallCounter()
    {
        TablePolicy = new CountingPolicy(() => Interlocked.Increment(ref _table));
        BlobPolicy = new CountingPolicy(() => Interlocked.Increment(ref _blob));
    }

    public long TableCalls => Interlocked.Read(ref _table);
    public long BlobCalls => Interlocked.Read(ref _blob);
    public long Calls => TableCalls + BlobCalls;

    /// <summary>Add to Table clients at <see cref="HttpPipelinePosition.PerRetry"/>.</summary>
    public HttpPipelinePolicy TablePolicy { get; }

    /// <summary>Add to Blob clients at <see cref="HttpPipelinePosition.PerRetry"/>.</summary>
    public HttpPipelinePolicy BlobPolicy { get; }

    private sealed class CountingPolicy(Action count) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            count();
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            count();
            return ProcessNextAsync(message, pipeline);
        }
    }
}
