using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.RabbitMq;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// A real Azurite and a real RabbitMQ node (AMQP 1.0 plugin) started through <c>dev/stack</c> on free
/// loopback ports, with their data in <c>.data/test-&lt;name&gt;-&lt;pid&gt;</c> of the repository.
/// Each service can be stopped and started again on the same ports and data, to test faults.
/// Starting fails with the script's output and the service's log; nothing is ever skipped.
/// </summary>
public sealed partial class LocalStack : IAsyncDisposable
{
    private static readonly SemaphoreSlim ReapLock = new(1, 1);
    private static bool _reaped;
    private bool _disposed;

    private LocalStack(string name, string dataDirectory, StackPorts ports, MessagingTopology topology)
    {
        Name = name;
        DataDirectory = dataDirectory;
        Ports = ports;
        Topology = topology;
        StorageConnectionString = string.Empty;
        AmqpUrl = $"amqp://guest:guest@127.0.0.1:{ports.Amqp}";
    }

    /// <summary>The stack's name; also its RabbitMQ node's short name (<c>&lt;Name&gt;@localhost</c>).</summary>
    public string Name { get; }

    /// <summary>Where Azurite's and RabbitMQ's data, logs and PIDs live.</summary>
    public string DataDirectory { get; }

    public StackPorts Ports { get; }

    public int BlobPort => Ports.Blob;

    public int QueuePort => Ports.Queue;

    public int TablePort => Ports.Table;

    public int AmqpPort => Ports.Amqp;

    /// <summary>Azurite's development account with this stack's endpoints.</summary>
    public string StorageConnectionString { get; private set; }

    /// <summary><c>amqp://guest:guest@127.0.0.1:&lt;AmqpPort&gt;</c>, for AMQP 1.0 (AMQPNetLite) and 0-9-1 alike.</summary>
    public string AmqpUrl { get; }

    /// <summary>Azurite's node process (0 while stopped).</summary>
    public int AzuritePid { get; private set; }

    /// <summary>The RabbitMQ Erlang VM (beam) process (0 while stopped), for tests that kill it.</summary>
    public int RabbitMqPid { get; private set; }

    /// <summary>The topology declared when the stack started.</summary>
    public MessagingTopology Topology { get; }

    /// <summary>How long <see cref="StartAsync(string, MessagingTopology, CancellationToken)"/> took, topology included.</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>Options that reach this stack's broker, for <see cref="RabbitMqTopology"/>.</summary>
    public RabbitMqTopologyOptions RabbitMqOptions => RabbitMqTopologyOptions.FromUri(new Uri(AmqpUrl));

    /// <summary>
    /// Starts a stack on free ports and declares <paramref name="topology"/> on it. A port free when picked can be taken by
    /// another process before the service binds it (seen once: Azurite's table port, EADDRINUSE, with other stacks and hubs
    /// starting beside it); then the start is tried again on newly picked ports, at most three times in all.
    /// </summary>
    public static async Task<LocalStack> StartAsync(string name, MessagingTopology topology, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(name, topology, StackPorts.PickFree(), cancellationToken);
            }
            catch (StackScriptException e) when (attempt < 3 && (e.Message.Contains("EADDRINUSE", StringComparison.Ordinal)
                || e.Message.Contains("already in use", StringComparison.Ordinal)))
            {
                // a picked port was taken before it was bound: pick again
            }
        }
    }

    /// <summary>Starts a stack on the given ports and declares <paramref name="topology"/> on it.</summary>
    public static async Task<LocalStack> StartAsync(
        string name, MessagingTopology topology, StackPorts ports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(ports);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Stack name '{name}' must be letters, digits or '-'.", nameof(name));
        }

        await ReapAbandonedStacksAsync(cancellationToken);

        var stackName = $"test-{name}-{Environment.ProcessId}";
        var dataDirectory = Path.Combine(DataRoot, stackName);
        if (Directory.Exists(dataDirectory))
        {
            // Left by an earlier stack of this process that failed to start; its services are stopped.
            await StackScript.RunAsync(["stop", "--name", stackName, "--data", dataDirectory], cancellationToken);
            Directory.Delete(dataDirectory, recursive: true);
        }

        var stack = new LocalStack(stackName, dataDirectory, ports, topology);
        var clock = Stopwatch.StartNew();
        try
        {
            var output = await StackScript.RunAsync(
                [
                    "start", "--name", stackName, "--data", dataDirectory,
                    "--blob-port", Number(ports.Blob), "--queue-port", Number(ports.Queue),
                    "--table-port", Number(ports.Table), "--amqp-port", Number(ports.Amqp),
                ],
                cancellationToken);
            stack.ReadAzurite(output);
            stack.ReadRabbitMq(output);
            await RabbitMqTopology.DeclareAsync(topology, stack.RabbitMqOptions, cancellationToken);
        }
        catch
        {
            // The script cleans up after itself, but not if it was killed; a stop is harmless either
            // way. The data stays for a look at the logs; the next run deletes it.
            await StopQuietlyAsync(stackName, dataDirectory);
            throw;
        }

        stack.StartDuration = clock.Elapsed;
        return stack;
    }

    /// <summary>Stops RabbitMQ gracefully, keeping its data.</summary>
    public async Task StopRabbitMqAsync(CancellationToken cancellationToken = default)
    {
        await StackScript.RunAsync(["stop", "--name", Name, "--data", DataDirectory, "--only", "rabbitmq"], cancellationToken);
        RabbitMqPid = 0;
    }

    /// <summary>Starts RabbitMQ again on the same port and data (after a stop or a kill).</summary>
    public async Task StartRabbitMqAsync(CancellationToken cancellationToken = default)
    {
        var output = await StackScript.RunAsync(
            ["start", "--name", Name, "--data", DataDirectory, "--only", "rabbitmq", "--amqp-port", Number(AmqpPort)],
            cancellationToken);
        ReadRabbitMq(output);
    }

    /// <summary>Kills the RabbitMQ VM with SIGKILL, as a crash would, and waits until it is gone.</summary>
    public async Task KillRabbitMqAsync(CancellationToken cancellationToken = default)
    {
        using var process = Process.GetProcessById(RabbitMqPid);
        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
        RabbitMqPid = 0;
    }

    /// <summary>Stops Azurite gracefully (it saves its database), keeping its data.</summary>
    public async Task StopAzuriteAsync(CancellationToken cancellationToken = default)
    {
        await StackScript.RunAsync(["stop", "--name", Name, "--data", DataDirectory, "--only", "azurite"], cancellationToken);
        AzuritePid = 0;
    }

    /// <summary>Starts Azurite again on the same ports and data.</summary>
    public async Task StartAzuriteAsync(CancellationToken cancellationToken = default)
    {
        var output = await StackScript.RunAsync(
            [
                "start", "--name", Name, "--data", DataDirectory, "--only", "azurite",
                "--blob-port", Number(BlobPort), "--queue-port", Number(QueuePort), "--table-port", Number(TablePort),
            ],
            cancellationToken);
        ReadAzurite(output);
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this stack's node and returns what it printed.</summary>
    public Task<string> RabbitMqCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        StackScript.RunAsync(["rabbitmqctl", "--name", Name, "--data", DataDirectory, "--", .. arguments], cancellationToken);

    /// <summary>Stops both services and deletes the data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StackScript.RunAsync(["stop", "--name", Name, "--data", DataDirectory], CancellationToken.None);
        AzuritePid = 0;
        RabbitMqPid = 0;
        Directory.Delete(DataDirectory, recursive: true);
    }

    private static string DataRoot => Path.Combine(StackScript.RepositoryRoot, ".data");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Stops the stacks of test runs that ended without cleaning up (a killed test host), so their
    /// services do not pile up; a stack whose owning process still runs is left alone.
    /// </summary>
    private static async Task ReapAbandonedStacksAsync(CancellationToken cancellationToken)
    {
        await ReapLock.WaitAsync(cancellationToken);
        try
        {
            if (!_reaped && Directory.Exists(DataRoot))
            {
                await ReapAsync(cancellationToken);
            }

            _reaped = true;
        }
        finally
        {
            ReapLock.Release();
        }
    }

    private static async Task ReapAsync(CancellationToken cancellationToken)
    {
        foreach (var directory in Directory.GetDirectories(DataRoot, "test-*"))
        {
            var stackName = Path.GetFileName(directory);
            var match = OwnerPattern().Match(stackName);
            if (!match.Success || IsRunning(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)))
            {
                continue;
            }

            try
            {
                await StackScript.RunAsync(["stop", "--name", stackName, "--data", directory], cancellationToken);
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is StackScriptException or IOException or UnauthorizedAccessException)
            {
                // Not this run's stack: a failure to clean it up must not fail this run.
            }
        }
    }

    private static async Task StopQuietlyAsync(string stackName, string dataDirectory)
    {
        try
        {
            await StackScript.RunAsync(["stop", "--name", stackName, "--data", dataDirectory], CancellationToken.None);
        }
        catch (StackScriptException)
        {
            // The original failure is the one worth reporting.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void ReadAzurite(string output)
    {
        var values = StackScript.ParseValues(output);
        StorageConnectionString = Required(values, "STORAGE_CONNECTION_STRING", output);
        AzuritePid = int.Parse(Required(values, "AZURITE_PID", output), CultureInfo.InvariantCulture);
    }

    private void ReadRabbitMq(string output)
    {
        var values = StackScript.ParseValues(output);
        RabbitMqPid = int.Parse(Required(values, "RABBITMQ_PID", output), CultureInfo.InvariantCulture);
    }

    private static string Required(Dictionary<string, string> values, string key, string output) =>
        values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new StackScriptException($"dev/stack printed no {key}. It printed:{Environment.NewLine}{output}");

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^test-.+-(\d+)$")]
    private static partial Regex OwnerPattern();
}
