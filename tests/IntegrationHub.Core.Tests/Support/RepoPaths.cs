namespace IntegrationHub.Core.Tests.Support;

/// <summary>Finds the repository (the folder holding IntegrationHub.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Contracts => Path.Combine(Root, "contracts");

    public static string AdminUnits => Path.Combine(Contracts, "reference", "admin-units");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No IntegrationHub.sln above {AppContext.BaseDirectory}.");
    }
}
