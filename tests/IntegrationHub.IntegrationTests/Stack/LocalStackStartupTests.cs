using System.Net;
using System.Net.Sockets;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Stack;

/// <summary>A stack that cannot start says why and leaves nothing running.</summary>
public sealed class LocalStackStartupTests
{
    [Fact]
    public async Task Start_with_the_amqp_port_taken_throws_with_the_reason_and_leaves_no_process()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var ports = StackPorts.PickFree() with { Amqp = taken };
        var dataDirectory = Path.Combine(StackScript.RepositoryRoot, ".data", $"test-taken-{Environment.ProcessId}");

        try
        {
            var failure = await Assert.ThrowsAsync<StackScriptException>(
                () => LocalStack.StartAsync("taken", TestTopology.Feeds, ports));

            Assert.Contains($"AMQP port {taken}", failure.Message);
            Assert.Contains("already in use", failure.Message);
            Assert.Empty(ProcessesMentioning(dataDirectory));
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>Command lines of running processes that contain <paramref name="text"/> (Azurite names its data folder).</summary>
    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(commandLine);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }

        return found;
    }
}
