namespace IntegrationHub.Core.Reports;

/// <summary>Where the reports are kept: one folder per report id holding its files, listed without reading them.</summary>
public interface IReportStore
{
    /// <summary>Stores a report's files; the HTML page last, so a listed report always has both.</summary>
    Task SaveAsync(StoredReport report, byte[] html, byte[] csv, CancellationToken cancellationToken);

    /// <summary>Every stored report, the newest period first.</summary>
    Task<IReadOnlyList<StoredReport>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One file of a report; null when there is no such report or file.</summary>
    Task<byte[]?> ReadAsync(string id, string file, CancellationToken cancellationToken);
}
