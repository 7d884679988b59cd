namespace IntegrationHub.Core.Reports;

/// <summary>The kinds of periodic report (docs/reports.md): what their period is is <see cref="ReportPeriods"/>.</summary>
public static class ReportKind
{
    /// <summary>Thursday 00:00 to the next Thursday 00:00, province time: ready for the province's Thursday 10:00 meeting.</summary>
    public const string Weekly = "weekly";

    /// <summary>The 15th of one month 00:00 to the 15th of the next, province time: Vietnam's statistical reporting month.</summary>
    public const string Monthly = "monthly";

    public static IReadOnlyList<string> All { get; } = [Weekly, Monthly];

    public static bool IsKnown(string? kind) => kind is Weekly or Monthly;
}
