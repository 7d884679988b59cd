using System.Diagnostics;
using System.Text;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Load;

/// <summary>
/// The short version of <c>dev/load</c>: the real tool (hubdev load) drives a hub on the shared stack for about ten
/// seconds and reconciles by event id. Only zero loss is asserted; rates and latencies depend on the machine.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LoadReconciliationTests(SharedStackFixture fixture, ITestOutputHelper output)
{
    // The development settings hubdev signs its tokens with (functions/IntegrationHub.Functions/appsettings.Development.json).
    private const string DevelopmentClientId = "25000000-0000-4000-8000-000000000001";

    [Fact]
    public async Task A_short_load_loses_no_acknowledged_event()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack,
            $"--Hub:DevelopmentIssuer:KeyPath={Path.Combine(Samples.Root, ".dev", "issuer")}",
            $"--AzureAd:ClientId={DevelopmentClientId}",
            "--Hub:DisableTimers=false");
        var hubdev = await BuildHubdevAsync();

        var (exitCode, text) = await RunAsync("dotnet",
        [
            hubdev, "load", "--hub", hub.BaseAddress.ToString(), "--rate", "100", "--duration", "10s", "--clients", "4", "--batch", "20",
            "--storage", fixture.Stack.StorageConnectionString, "--table-prefix", hub.TablePrefix, "--amqp", fixture.Stack.AmqpUrl, "--settle", "60s",
        ], TimeSpan.FromMinutes(3));
        output.WriteLine(text);

        Assert.True(exitCode == 0, text);
        Assert.Contains("acknowledged 1000 ", text);
        Assert.Contains("lost 0 ", text);
    }

    /// <summary>hubdev of the tests' configuration, built now so the run never uses a stale one.</summary>
    private static async Task<string> BuildHubdevAsync()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var project = Path.Combine(Samples.Root, "tools", "IntegrationHub.DevTools", "IntegrationHub.DevTools.csproj");
        var (exitCode, text) = await RunAsync("dotnet", ["build", project, "-c", configuration, "-v", "quiet", "--nologo"], TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, text);
        return Path.Combine(Samples.Root, "tools", "IntegrationHub.DevTools", "bin", configuration, testOutput.Name, "hubdev.dll");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(file)
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
        var text = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (text)
            {
                return (-1, $"{file} {string.Join(' ', arguments)} did not finish within {timeout}{Environment.NewLine}{text}");
            }
        }

        process.WaitForExit();
        lock (text)
        {
            return (process.ExitCode, text.ToString());
        }
    }
}
