using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IntegrationHub.IntegrationTests.Faults;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Hostile;

/// <summary>
/// The hostile corpus over real HTTP against the real hub: every input gets its exact refusal (a 4xx, never a 500, never
/// a hang), and nothing of it is kept: no ledger or history row, no snapshot, no archived body, no message.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class HostileCorpusTests(SharedStackFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_corpus_holds_at_least_40_cases_each_with_a_body_or_a_generator_and_a_4xx()
    {
        var cases = HostileCase.LoadAll();

        Assert.True(cases.Count >= 40, $"{cases.Count} cases");
        Assert.All(cases, c =>
        {
            Assert.True((c.BodyFile is null) != (c.Generator is null), $"{c.Name}: exactly one of body and generator");
            Assert.True(c.BodyFile is null || File.Exists(Path.Combine(HostileCase.Folder, c.BodyFile)), $"{c.Name}: {c.BodyFile} is missing");
            Assert.True(c.Generator is null || HostileGenerators.Names.Contains(c.Generator), $"{c.Name}: unknown generator {c.Generator}");
            Assert.InRange(c.ExpectedStatus, 400, 499);
            Assert.Equal(c.ExpectedStatus == 422, c.ExpectedPointers is not null);
        });
        var committed = Directory.GetFiles(HostileCase.Folder).Select(f => new FileInfo(f).Length).Max();
        Assert.True(committed < 64 * 1024, "big bodies are generated at test time, not committed");
    }

    [Fact]
    public async Task Every_hostile_input_gets_its_exact_4xx_never_a_500_nor_a_hang_and_leaves_no_state()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var failures = new List<string>();
        var messageIds = new HashSet<string>(StringComparer.Ordinal);
        var cases = HostileCase.LoadAll();
        foreach (var hostile in cases)
        {
            var clock = Stopwatch.StartNew();
            var (status, body) = hostile.Generator == HostileGenerators.SlowLoris ? await SlowLorisAsync(hub, hostile) : await SendAsync(hub, hostile);
            output.WriteLine($"{hostile.Name}: {status} in {clock.ElapsedMilliseconds} ms");
            failures.AddRange(Check(hostile, status, body).Select(problem => $"{hostile.Name}: {problem}"));
            if (hostile.Generator != HostileGenerators.SlowLoris)
            {
                messageIds.UnionWith(MessageIds(hostile.Body()));
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // No partial state: the hub's own tables and containers hold nothing, and no message of these events was published.
        var storage = fixture.Stack.StorageConnectionString;
        foreach (var table in new[] { "Ledger", "Entities" })
        {
            var rows = new TableClient(storage, hub.TablePrefix + table).QueryAsync<TableEntity>(select: ["RowKey"]);
            Assert.Empty(await rows.Select(r => $"{table}: {r.PartitionKey} {r.RowKey}").ToListAsync());
        }

        foreach (var container in new[] { "-archive", "-records" })
        {
            var blobs = new BlobContainerClient(storage, hub.ContainerPrefix + container).GetBlobsAsync();
            Assert.Empty(await blobs.Select(b => b.Name).ToListAsync());
        }

        Assert.True(messageIds.Count >= 40, $"only {messageIds.Count} event ids found in the corpus");
        var queues = FeedEvents.Feeds.SelectMany(f => FeedEvents.Subscriptions(f).Select(s => $"/amq/queue/{FeedEvents.Topic(f)}.{s}"));
        var tallies = await Task.WhenAll(queues.Select(q => QueueTally.CollectAsync(fixture.Stack.AmqpUrl, q, messageIds, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3))));
        Assert.All(tallies, t => Assert.True(t.Received == 0, $"{t.Received} messages of hostile events on {t.Address}"));
        output.WriteLine($"{cases.Count} cases, {messageIds.Count} event ids checked on {tallies.Length} queues: nothing kept");
    }

    private static IEnumerable<string> Check(HostileCase hostile, int status, string body)
    {
        if (status != hostile.ExpectedStatus)
        {
            yield return $"expected {hostile.ExpectedStatus}, got {status}: {Trim(body)}";
            yield break;
        }

        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            problem = null;
        }

        if (problem is not JsonObject || (string?)problem["type"] != "urn:lgsp:problem:" + hostile.ExpectedType)
        {
            yield return $"expected a problem of type urn:lgsp:problem:{hostile.ExpectedType}, got {Trim(body)}";
            yield break;
        }

        if (hostile.ExpectedPointers is not { } expected)
        {
            yield break;
        }

        var results = problem["results"]?.AsArray() ?? [];
        if (results.Count != expected.Count)
        {
            yield return $"expected {expected.Count} results, got {results.Count}: {Trim(body)}";
            yield break;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var pointers = results[i]!["errors"]!.AsArray().Select(e => (string)e!["pointer"]!).ToHashSet();
            if ((string?)results[i]!["status"] != "rejected" || !expected[i].All(pointers.Contains))
            {
                yield return $"event {i}: expected rejected at {string.Join(", ", expected[i])}, got {results[i]!.ToJsonString()}";
            }
        }
    }

    private static async Task<(int Status, string Body)> SendAsync(RunningHub hub, HostileCase hostile)
    {
        using var client = hub.Client();
        client.Timeout = ClientTimeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{Uri.EscapeDataString(hostile.Feed)}/events")
        {
            Content = new ByteArrayContent(hostile.Body()),
        };
        if (hostile.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        }

        foreach (var (name, value) in hostile.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", hostile.BearerToken(hub));

        // A well-behaved client of a big body asks first: the hub then refuses it (413) before a byte of it is sent.
        // Without it the answer still comes, but the client sees the connection close under the body it is still sending.
        request.Headers.ExpectContinue = true;
        try
        {
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (TaskCanceledException)
        {
            return (0, $"no answer within {ClientTimeout.TotalSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return (0, "the connection ended without an answer: " + e.Message);
        }
    }

    /// <summary>Promises a 100 kB body and sends one byte a second, as a slow-loris attacker does; returns what the hub answers.</summary>
    private static async Task<(int Status, string Body)> SlowLorisAsync(RunningHub hub, HostileCase hostile)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(hub.BaseAddress.Host, hub.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/feeds/{hostile.Feed}/events HTTP/1.1\r\nHost: {hub.BaseAddress.Authority}\r\n" +
            $"Authorization: Bearer {hostile.BearerToken(hub)}\r\nContent-Type: {hostile.ContentType}\r\nContent-Length: 100000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var body = hostile.Body();
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + ClientTimeout;
        var read = stream.ReadAsync(buffer).AsTask();
        for (var sent = 0; DateTime.UtcNow < deadline; sent++)
        {
            if (await Task.WhenAny(read, Task.Delay(1000)) == read)
            {
                var count = await read;
                if (count == 0)
                {
                    break;
                }

                answer.Write(buffer, 0, count);
                read = stream.ReadAsync(buffer).AsTask();
                continue;
            }

            try
            {
                await stream.WriteAsync(body.AsMemory(sent % body.Length, 1));
            }
            catch (IOException)
            {
                // The hub closed the connection; read what it answered.
            }
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
        {
            return (0, text.Length == 0 ? $"no answer within {ClientTimeout.TotalSeconds} s" : text);
        }

        var separator = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = separator < 0 ? text : text[..separator];
        var content = separator < 0 ? "" : text[(separator + 4)..];
        return (int.Parse(text.AsSpan(9, 3), provider: null),
            headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(content) : content);
    }

    private static string Dechunk(string chunked)
    {
        var content = new StringBuilder();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(chunked[position..lineEnd].Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                break;
            }

            content.Append(chunked, lineEnd + 2, Math.Min(size, chunked.Length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
        }

        return content.ToString();
    }

    /// <summary>The message ids the corpus's events would have had, had any been accepted (events whose source and id are strings).</summary>
    private static List<string> MessageIds(byte[] body)
    {
        var ids = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            foreach (var evt in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root])
            {
                if (evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                    && evt.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    ids.Add(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.GetString() + "\n" + id.GetString()))));
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or strings that are not Unicode: no event of it could have been accepted.
        }

        return ids;
    }

    private static string Trim(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
