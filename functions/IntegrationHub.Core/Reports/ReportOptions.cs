namespace IntegrationHub.Core.Reports;

/// <summary>The periodic reports (<c>Hub:Reports</c>, docs/reports.md).</summary>
public sealed class ReportOptions
{
    public const string Section = "Hub:Reports";

    /// <summary>How many closed weeks back a run catches up on (after the hub was down); 1 to 26.</summary>
    public int LookBackWeeks { get; set; } = 5;

    /// <summary>How many closed months back a run catches up on; 1 to 12.</summary>
    public int LookBackMonths { get; set; } = 2;

    /// <summary>The local runner generates once at start too (dev/up sets it, so a fresh dev stack shows reports at once).</summary>
    public bool GenerateOnStart { get; set; }

    public bool IsValid => LookBackWeeks is >= 1 and <= 26 && LookBackMonths is >= 1 and <= 12;
}
