namespace IntegrationHub.TestSupport;

/// <summary>The repository (the folder holding IntegrationHub.sln), found from the test binaries, and its well-known folders.</summary>
public static class RepoPaths
{
    public const string SharedDirectoryVariable = "HUB_SHARED_DIR";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Contracts => Path.Combine(Root, "contracts");

    public static string AdminUnits => Path.Combine(Contracts, "reference", "admin-units");

    /// <summary>HUB_SHARED_DIR when set, else "../shared" relative to the repository root.</summary>
    public static string SharedDirectory
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(SharedDirectoryVariable);
            return string.IsNullOrWhiteSpace(overridden)
                ? Path.GetFullPath(Path.Combine(Root, "..", "shared"))
                : Path.GetFullPath(overridden);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains IntegrationHub.sln; the tests run from the repository.");
    }
}
