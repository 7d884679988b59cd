using Microsoft.Extensions.FileProviders;

namespace IntegrationHub.Functions.Hosting;

/// <summary>The dashboard page's files: beside the executable (the build copies them there, with MSAL from node_modules), else under the content root.</summary>
public sealed class IocDashboardFiles(IFileProvider provider)
{
    public IFileProvider Provider { get; } = provider;

    public static IocDashboardFiles Locate(IHostEnvironment environment)
    {
        string[] candidates = [Path.Combine(AppContext.BaseDirectory, "wwwroot"), Path.Combine(environment.ContentRootPath, "wwwroot")];
        foreach (var root in candidates)
        {
            if (Directory.Exists(Path.Combine(root, "ioc")))
            {
                return new IocDashboardFiles(new PhysicalFileProvider(Path.Combine(root, "ioc")));
            }
        }

        return new IocDashboardFiles(new NullFileProvider());
    }
}
