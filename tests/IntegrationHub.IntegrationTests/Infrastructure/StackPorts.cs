using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>The loopback ports of one local stack.</summary>
public sealed record StackPorts(int Blob, int Queue, int Table, int Amqp)
{
    /// <summary>Four distinct ports the kernel reports free right now.</summary>
    public static StackPorts PickFree()
    {
        // All four listeners stay open until the ports are read, so the kernel cannot hand out one twice.
        var listeners = Enumerable.Range(0, 4).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return new StackPorts(ports[0], ports[1], ports[2], ports[3]);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
