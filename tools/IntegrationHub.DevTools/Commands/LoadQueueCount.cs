namespace IntegrationHub.DevTools.Commands;

/// <summary>What draining one queue found: how many times each awaited message id arrived, and how many other messages.</summary>
internal sealed record LoadQueueCount(string Queue, IReadOnlyDictionary<string, int> Counts, int Other)
{
    public int Duplicates => Counts.Values.Sum(c => c - 1);
}
