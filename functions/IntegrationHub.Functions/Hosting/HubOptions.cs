namespace IntegrationHub.Functions.Hosting;

/// <summary>Where the hub finds its contracts and reference data (section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    /// <summary>The contracts folder; default: <c>contracts/</c> beside the executable (the build copies it there).</summary>
    public string? ContractsPath { get; set; }

    /// <summary>The administrative-unit reference data folder (versions.json + CSVs); default: <c>&lt;contracts&gt;/reference/admin-units</c>.</summary>
    public string? AdminUnitsPath { get; set; }

    public string ResolveContractsPath() => ContractsPath is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "contracts");

    public string ResolveAdminUnitsPath() => AdminUnitsPath is { Length: > 0 } path ? path : Path.Combine(ResolveContractsPath(), "reference", "admin-units");
}
