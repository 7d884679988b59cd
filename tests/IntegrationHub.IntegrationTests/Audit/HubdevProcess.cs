using System.Diagnostics;
using System.Text;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>The real developer tool (hubdev, behind dev/audit), built for the tests' configuration and run as a process.</summary>
public static class HubdevProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var project = Path.Combine(Samples.Root, "tools", "IntegrationHub.DevTools", "IntegrationHub.DevTools.csproj");
        var build = await RunProcessAsync(["build", project, "-c", configuration, "-v", "quiet", "--nologo"], TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.Output);
        var dll = Path.Combine(Samples.Root, "tools", "IntegrationHub.DevTools", "bin", configuration, testOutput.Name, "hubdev.dll");
        return await RunProcessAsync([dll, .. arguments], TimeSpan.FromMinutes(2));
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Samples.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"dotnet {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, new StringBuilder().Append(await stdout).Append(await stderr).ToString());
    }
}
