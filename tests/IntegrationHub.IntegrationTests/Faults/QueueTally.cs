using Amqp;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>
/// Drains subscription queues and counts, per message id, how many times each awaited message arrived. Messages of
/// other ids (left by earlier tests) are accepted and counted apart.
/// </summary>
public sealed class QueueTally
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    private QueueTally(string address) => Address = address;

    public string Address { get; }

    /// <summary>How many times each message id arrived (awaited ids only).</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Messages of ids nobody waited for.</summary>
    public int Foreign { get; private set; }

    public int Received => _counts.Values.Sum();

    public int Duplicates => _counts.Values.Sum(c => c - 1);

    /// <summary>
    /// Receives from <paramref name="address"/> until every id of <paramref name="expected"/> arrived and then nothing more
    /// for <paramref name="quiet"/> (so late duplicates are counted too), or until <paramref name="timeout"/>.
    /// </summary>
    public static async Task<QueueTally> CollectAsync(string amqpUrl, string address, IReadOnlySet<string> expected, TimeSpan timeout, TimeSpan quiet)
    {
        var tally = new QueueTally(address);
        var connection = await new ConnectionFactory().CreateAsync(new Address(amqpUrl));
        try
        {
            var session = new Session(connection);
            var receiver = new ReceiverLink(session, "tally-" + Guid.NewGuid().ToString("N"), address);
            receiver.SetCredit(200, autoRestore: true);
            var deadline = DateTime.UtcNow + timeout;
            var lastArrival = DateTime.UtcNow;
            while (DateTime.UtcNow < deadline)
            {
                var complete = expected.All(tally._counts.ContainsKey);
                if (complete && DateTime.UtcNow - lastArrival >= quiet)
                {
                    break;
                }

                var message = await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(250));
                if (message is null)
                {
                    continue;
                }

                receiver.Accept(message);
                lastArrival = DateTime.UtcNow;
                if (message.Properties?.MessageId is { } id && expected.Contains(id))
                {
                    tally._counts[id] = tally._counts.GetValueOrDefault(id) + 1;
                }
                else
                {
                    tally.Foreign++;
                }
            }

            await receiver.CloseAsync();
            await session.CloseAsync();
        }
        finally
        {
            await connection.CloseAsync();
        }

        return tally;
    }
}
