namespace IntegrationHub.Core.Ingest;

/// <summary>What happened to every event of a request.</summary>
public sealed record IngestOutcome(IReadOnlyList<EventResult> Results)
{
    public int Accepted => Count(EventResult.Accepted);
    public int Duplicates => Count(EventResult.Duplicate);
    public int Rejected => Count(EventResult.Rejected);

    /// <summary>True when nothing was accepted or recognised as already accepted (the response is then 422).</summary>
    public bool AllRejected => Rejected == Results.Count;

    private int Count(string status)
    {
        var n = 0;
        foreach (var r in Results)
        {
            if (r.Status == status)
            {
                n++;
            }
        }

        return n;
    }
}
