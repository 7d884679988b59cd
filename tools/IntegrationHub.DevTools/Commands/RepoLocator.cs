namespace IntegrationHub.DevTools.Commands;

/// <summary>Finds the repository the tools run from (the folder holding IntegrationHub.sln).</summary>
internal static class RepoLocator
{
    public static string Root { get; } = Find();

    public static string Contracts => Path.Combine(Root, "contracts");

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run hubdev inside the IntegrationHub repository.");
    }
}
