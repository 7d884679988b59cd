using System.Diagnostics;
using System.Text;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>Runs <c>dev/stack</c>, the one implementation of starting and stopping the local stack.</summary>
internal static class StackScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ScriptPath => Path.Combine(RepositoryRoot, "dev", "stack");

    /// <summary>Runs <c>dev/stack ARGS</c>; throws <see cref="StackScriptException"/> with its output when it fails.</summary>
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await RunRawAsync(arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new StackScriptException(
                $"dev/stack {string.Join(' ', arguments)} exited with {exitCode}.{Environment.NewLine}" +
                $"--- stderr ---{Environment.NewLine}{stderr}{Environment.NewLine}--- stdout ---{Environment.NewLine}{stdout}");
        }

        return stdout;
    }

    /// <summary>Parses the KEY=VALUE lines dev/stack prints.</summary>
    public static Dictionary<string, string> ParseValues(string stdout)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                values[line[..separator]] = line[(separator + 1)..];
            }
        }

        return values;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunRawAsync(
        IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        startInfo.ArgumentList.Add(ScriptPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new StackScriptException($"Could not start bash {ScriptPath}.");
        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, stdout);
        var readErr = PumpAsync(process.StandardError, stderr);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(readOut, readErr).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new StackScriptException(
                $"dev/stack {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds:0} s." +
                $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{Snapshot(stderr)}" +
                $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{Snapshot(stdout)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder target)
    {
        // Line by line, so a timeout still reports what was printed so far.
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (target)
            {
                target.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static string FindRepositoryRoot() => RepoPaths.Root;
}
