using System.Diagnostics;

namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>Runs the Bicep CLI that dev/bicep installs (or the one BICEP_PATH names).</summary>
internal sealed class BicepCli
{
    // Bicep starts in a few seconds; the bound only stops a hung process from stalling the run.
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);

    private BicepCli(string executablePath, string repositoryRoot)
    {
        ExecutablePath = executablePath;
        RepositoryRoot = repositoryRoot;
    }

    public string ExecutablePath { get; }

    public string RepositoryRoot { get; }

    public string MainTemplatePath => Path.Combine(RepositoryRoot, "infra", "main.bicep");

    public string TopologyPath => Path.Combine(RepositoryRoot, "infra", "topology.json");

    public static BicepCli Locate()
    {
        var root = FindRepositoryRoot();
        var fromEnvironment = Environment.GetEnvironmentVariable("BICEP_PATH");
        var path = string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(root, ".dev", "tools", "bicep", "bicep")
            : fromEnvironment;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Bicep CLI not found at '{path}'. Run 'dev/bicep path' (dev/test runs it before the tests) "
                + "to install it into .dev/tools/bicep/, or set BICEP_PATH to a Bicep binary.");
        }

        return new BicepCli(path, root);
    }

    public async Task<BicepRun> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start '{ExecutablePath}'.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProcessTimeout);

        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"bicep {string.Join(' ', arguments)} did not finish within {ProcessTimeout.TotalSeconds:0} s.");
        }

        return new BicepRun(process.ExitCode, await standardOutput, await standardError);
    }

    private static string FindRepositoryRoot() => RepoPaths.Root;
}
