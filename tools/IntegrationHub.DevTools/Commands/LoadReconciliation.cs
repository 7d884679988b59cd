using Amqp;
using Azure.Data.Tables;
using IntegrationHub.Core.Messaging.RabbitMq;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.DevTools.Commands;

/// <summary>Counts, by event id, what the hub kept of the acknowledged events: history rows in Table storage, messages on the ioc queues.</summary>
internal static class LoadReconciliation
{
    /// <summary>The message ids of the events without a history row (point reads of the rows the hub writes).</summary>
    public static async Task<List<string>> MissingHistoryRowsAsync(string storage, string tablePrefix, IReadOnlyCollection<LoadEvent> events)
    {
        var table = new TableClient(storage, tablePrefix + "Entities");
        var missing = new List<string>();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (evt, cancellationToken) =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.EntityPartition(evt.Feed, evt.Subject),
                TableKeys.HistoryRowKey(evt.Subject, evt.Time, evt.MessageId), select: ["RowKey"], cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                lock (missing)
                {
                    missing.Add(evt.MessageId);
                }
            }
        });
        return missing;
    }

    /// <summary>
    /// Accepts every message of the topic's ioc queue until each expected id has arrived and two quiet seconds have passed
    /// (late duplicates count too), or until no expected message arrived for <paramref name="settle"/>. Other traffic
    /// (a simulator, say) is drained and counted apart, and never keeps the wait going.
    /// </summary>
    public static async Task<LoadQueueCount> DrainIocAsync(string amqp, string topic, IReadOnlySet<string> expected, TimeSpan settle)
    {
        var queue = RabbitMqTopology.QueueName(topic, "ioc");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var other = 0;
        var connection = await new ConnectionFactory().CreateAsync(new Address(amqp));
        try
        {
            var session = new Session(connection);
            var receiver = new ReceiverLink(session, "hubdev-load-" + Guid.NewGuid().ToString("N")[..8], RabbitMqTopology.ReceiveAddress(queue));
            receiver.SetCredit(1000, autoRestore: true);
            var lastArrival = DateTime.UtcNow;
            while (true)
            {
                var quiet = DateTime.UtcNow - lastArrival;
                var complete = counts.Count == expected.Count;
                if ((complete && quiet >= TimeSpan.FromSeconds(2)) || quiet >= settle)
                {
                    break;
                }

                var message = await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(250));
                if (message is null)
                {
                    continue;
                }

                receiver.Accept(message);
                if (message.Properties?.MessageId is { } id && expected.Contains(id))
                {
                    counts[id] = counts.GetValueOrDefault(id) + 1;
                    lastArrival = DateTime.UtcNow;
                }
                else
                {
                    other++;
                }
            }

            await receiver.CloseAsync();
        }
        finally
        {
            await connection.CloseAsync();
        }

        return new LoadQueueCount(queue, counts, other);
    }
}
