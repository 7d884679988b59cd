using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Ndxp;

/// <summary>
/// The real <c>hubdev ndxp-sink</c> (dev/ndxp-sink) as a child process on a free loopback port, with a token endpoint, driven
/// over HTTP through its control endpoints exactly as a developer would.
/// </summary>
public sealed class NdxpSinkProcess : IAsyncDisposable
{
    public const string ClientId = "hub-test-ndxp";

    private readonly Process _process;
    private readonly HttpClient _control;

    private NdxpSinkProcess(Process process, Uri baseAddress, string controlKey, string clientSecret)
    {
        _process = process;
        BaseAddress = baseAddress;
        ClientSecret = clientSecret;
        _control = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _control.DefaultRequestHeaders.Add("X-Sink-Key", controlKey);
    }

    public Uri BaseAddress { get; }
    public string ClientSecret { get; }

    /// <summary>The hub settings that point its forwarder at this sink, with OAuth client credentials.</summary>
    public IEnumerable<string> HubSettings() =>
    [
        $"--Hub:Ndxp:Endpoint={BaseAddress}events",
        $"--Hub:Ndxp:TokenEndpoint={BaseAddress}token",
        $"--Hub:Ndxp:ClientId={ClientId}",
        $"--Hub:Ndxp:ClientSecret={ClientSecret}",
    ];

    public static async Task<NdxpSinkProcess> StartAsync()
    {
        var hubdev = HubdevPath();
        Assert.True(File.Exists(hubdev), $"{hubdev} is missing: build the solution (dev/test does) first");
        var controlKey = Guid.NewGuid().ToString("N");
        var secret = Guid.NewGuid().ToString("N");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Samples.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { hubdev, "ndxp-sink", "--port", "0", "--control-key", controlKey, "--client-id", ClientId, "--client-secret", secret })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("ndxp-sink listening on ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                var address = new Uri(line["ndxp-sink listening on ".Length..].Trim().TrimEnd('/') + "/");
                return new NdxpSinkProcess(process, address, controlKey, secret);
            }
        }

        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        throw new InvalidOperationException("ndxp-sink did not start: " + error);
    }

    /// <summary>Answer <paramref name="status"/> to the next <paramref name="count"/> event POSTs.</summary>
    public Task FailAsync(int status, int count, int retryAfterSeconds = 0) =>
        PostControlAsync("control/fail", new { status, count, retryAfterSeconds });

    public Task SlowAsync(int delayMs, int count) => PostControlAsync("control/slow", new { delayMs, count });

    public Task RevokeTokensAsync() => PostControlAsync("control/revoke-tokens", new { });

    /// <summary>What the sink received: posts, unique keys, duplicates, and per key the event id and count.</summary>
    public async Task<JsonObject> ReceivedAsync() => (await _control.GetFromJsonAsync<JsonObject>("control/received"))!;

    /// <summary>The count of each idempotency key among <paramref name="keys"/>, and the event id it carried.</summary>
    public async Task<Dictionary<string, (string EventId, int Count)>> ReceivedKeysAsync(IEnumerable<string> keys)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var report = await ReceivedAsync();
        return report["events"]!.AsArray()
            .Where(e => wanted.Contains((string)e!["key"]!))
            .ToDictionary(e => (string)e!["key"]!, e => ((string)e!["eventId"]!, (int)e["count"]!), StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task PostControlAsync(string path, object body)
    {
        using var response = await _control.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>hubdev of the tests' configuration, as the solution build leaves it.</summary>
    private static string HubdevPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Samples.Root, "tools", "IntegrationHub.DevTools", "bin", testOutput.Parent!.Name, testOutput.Name, "hubdev.dll");
    }
}
