using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>
/// The built hub (<c>IntegrationHub.Functions.dll</c>, which is the local runner outside the Functions host) run with <c>dotnet</c> as a process of its own, so a test can kill it
/// with SIGKILL and start it again on the same port, tables and key folder. Settings go in as environment variables, as
/// the Functions host passes app settings. Its output goes to a log file beside the stack's data, for failures.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _keyFolder;
    private Process? _process;

    public HubProcess(LocalStack stack, string keyFolder, IReadOnlyDictionary<string, string> settings)
    {
        Port = FreePort();
        var id = Guid.NewGuid().ToString("N")[..10];
        TablePrefix = "P" + id;
        LogFile = Path.Combine(stack.DataDirectory, $"hub-{id}.log");
        _environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Hub__DevelopmentIssuer__Enabled"] = "true",
            ["Hub__DevelopmentIssuer__KeyPath"] = keyFolder,
            ["AzureAd__Instance"] = RunningHub.Instance,
            ["AzureAd__TenantId"] = RunningHub.TenantId,
            ["AzureAd__ClientId"] = "25000000-0000-4000-8000-0000000000aa",
            ["AzureAd__Audience"] = RunningHub.Audience,
            ["Hub__Messaging__DeclareTopology"] = "false",
            ["Hub__Messaging__Endpoint"] = stack.AmqpUrl,
            ["Hub__Storage__ConnectionString"] = stack.StorageConnectionString,
            ["Hub__Storage__TablePrefix"] = TablePrefix,
            ["Hub__Storage__ContainerPrefix"] = "p" + id,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Hub__Health__CacheDuration"] = "00:00:01",
        };
        _keyFolder = keyFolder;
        foreach (var (key, value) in settings)
        {
            _environment[key] = value;
        }
    }

    public int Port { get; }
    public string TablePrefix { get; }
    public string LogFile { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>The hub's build output (same configuration as the tests), built with them through the project reference.</summary>
    public static string Executable
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testOutput.Parent!.Name;
            return Path.Combine(Samples.Root, "functions", "IntegrationHub.Functions", "bin", configuration, testOutput.Name, "IntegrationHub.Functions.dll");
        }
    }

    /// <summary>Starts the process and waits until it answers with its storage ready.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The hub process is already running.");
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Executable);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            startInfo.Environment[key] = value;
        }

        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"--- start {DateTimeOffset.UtcNow:O}");
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        _process = process;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = AdminClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited with {process.ExitCode} during start. Log: {LogFile}{Environment.NewLine}{ReadLog()}");
            }

            try
            {
                var health = await HubHealthProbe.GetAsync(client);
                if (health.Storage == "up")
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The hub did not become ready within 40 s. Log: {LogFile}{Environment.NewLine}{ReadLog()}");
    }

    /// <summary>A client with an operator's token (<c>Hub.Admin</c>), which sees the health checks' details.</summary>
    public HttpClient AdminClient()
    {
        using var key = DevelopmentIssuerKey.LoadSigningKey(_keyFolder);
        var token = new DevelopmentTokenIssuer(key).Issue(DevelopmentTokenIssuer.IssuerFor(RunningHub.Instance, RunningHub.TenantId), RunningHub.Audience,
            RunningHub.TenantId, "25000000-0000-4000-a000-000000000031", [HubRoles.Admin], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The hub process was not started.");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public string ReadLog()
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return text.Length > 8000 ? text[^8000..] : text;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process exited; its last lines raced the close.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
