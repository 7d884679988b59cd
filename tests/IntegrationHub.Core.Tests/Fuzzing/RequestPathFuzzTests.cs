using System.Collections.Concurrent;
using System.Text.Json;
using CsCheck;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Tests.Support;
using IntegrationHub.Core.Validation;
using Xunit.Abstractions;

namespace IntegrationHub.Core.Tests.Fuzzing;

/// <summary>
/// Property test of the request path in process: the CloudEvents reader, the envelope and contract validation, the key
/// derivation (idempotency key, entity key, table keys) and the message mapping. Every mutated request must end in a
/// request-level 4xx problem, or in one outcome per event: accepted (with its instant, entity key and keys) or rejected
/// with well-formed JSON Pointers; never an exception. <c>HUB_FUZZ_ITERATIONS</c> sets the count (10,000 by default; the
/// full run is 100,000 or more).
/// </summary>
public sealed class RequestPathFuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 10_000;

    private static readonly CloudEventReader Reader = new(new IngestLimits());

    [Fact]
    public void Every_mutated_request_gets_an_accept_or_a_rejection_with_a_pointer_never_an_exception()
    {
        var iterations = Iterations();
        var samples = ValidSamples();
        var validator = Support.Contracts.Validator();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var generator = Gen.Select(Gen.Int[0, samples.Count - 1], Gen.Int[0, InputMutator.Kinds - 1], Gen.Int,
            (sample, kind, seed) => (Sample: sample, Kind: kind, Seed: seed));

        generator.Sample(
            t =>
            {
                var input = InputMutator.Mutate(samples, t.Sample, t.Kind, t.Seed);
                foreach (var outcome in Process(validator, input))
                {
                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }
            },
            iter: iterations,
            print: t => $"sample {t.Sample}, kind {t.Kind}, seed {t.Seed}: {InputMutator.Mutate(samples, t.Sample, t.Kind, t.Seed)}");

        var requests = outcomes.Where(o => o.Key.StartsWith("request ", StringComparison.Ordinal)).Sum(o => o.Value);
        output.WriteLine($"{iterations} mutated requests from {samples.Count} valid samples:");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {outcome}: {count}");
        }

        Assert.Equal(iterations, requests);
        Assert.True(outcomes.GetValueOrDefault("event accepted") > 0, "no mutated input was accepted: the accept path went untested");
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("request 4", StringComparison.Ordinal)) >= 3, "too few kinds of request-level refusal");
        Assert.True(outcomes.GetValueOrDefault("event rejected") > 0, "no event was rejected");
    }

    [Fact]
    public void Every_valid_sample_is_accepted_unmutated()
    {
        var validator = Support.Contracts.Validator();
        foreach (var sample in ValidSamples())
        {
            Assert.All(Process(validator, sample).Skip(1), outcome => Assert.Equal("event accepted", outcome));
        }
    }

    /// <summary>The request path as the ingest endpoint and pipeline run it, up to the storage calls; returns the outcomes.</summary>
    public static IReadOnlyList<string> Process(RecordValidator validator, FuzzInput input)
    {
        var feed = Support.Contracts.Catalogue.Find(input.Feed) ?? throw new InvalidOperationException("unknown feed " + input.Feed);
        var (request, problem) = Reader.Read(input.ContentType, input.Headers, input.Body);
        if (problem is not null)
        {
            Assert.InRange(problem.Status, 400, 499);
            Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
            return [$"request {problem.Status} {problem.Slug}"];
        }

        using (request)
        {
            var outcomes = new List<string>(request!.Events.Count + 1) { "request parsed" };
            foreach (var evt in request.Events)
            {
                var check = validator.Validate(feed, evt);
                if (!check.IsValid)
                {
                    Assert.NotEmpty(check.Errors);
                    Assert.All(check.Errors, e =>
                    {
                        Assert.True(e.Pointer.Length == 0 || e.Pointer[0] == '/', $"'{e.Pointer}' is not a JSON Pointer");
                        Assert.False(string.IsNullOrWhiteSpace(e.Detail));
                    });
                    outcomes.Add("event rejected");
                    continue;
                }

                Accept(feed, check, evt);
                outcomes.Add("event accepted");
            }

            return outcomes;
        }
    }

    // What IngestPipeline.Accept and the storage and messaging adapters derive from an accepted event.
    private static void Accept(IntegrationHub.Core.Contracts.FeedDefinition feed, RecordCheck check, JsonElement evt)
    {
        Assert.NotNull(check.Version);
        Assert.False(string.IsNullOrEmpty(check.Subject));
        Assert.NotNull(check.Time);
        Assert.NotEqual(default, check.Time!.Value);
        var json = JsonSerializer.SerializeToUtf8Bytes(evt);
        var source = evt.GetProperty("source").GetString()!;
        var id = evt.GetProperty("id").GetString()!;
        var keyHash = EventKeys.KeyHash(source, id);
        Assert.Equal(64, keyHash.Length);
        Assert.False(string.IsNullOrEmpty(TableKeys.EntityPartition(feed.Id, check.Subject!)));
        Assert.StartsWith("h|", TableKeys.HistoryRowKey(check.Subject!, check.Time.Value, keyHash), StringComparison.Ordinal);
        var accepted = new AcceptedEvent
        {
            FeedId = feed.Id,
            Major = check.Version!.Major,
            Topic = check.Version.Topic,
            Subject = check.Subject!,
            Commune = "_",
            Source = source,
            Id = id,
            Type = evt.GetProperty("type").GetString()!,
            KeyHash = keyHash,
            ContentHash = EventKeys.Sha256Hex(json),
            Time = check.Time.Value,
            ReceivedAt = DateTimeOffset.UnixEpoch,
            AdminCodes = "QD19-2025",
            EventJson = json,
            Sender = SenderIdentity.Anonymous,
        };
        var message = CloudEventAmqpMapper.ToMessage(accepted, 192 * 1024, name => new Uri("http://records/" + name), partitionKey: true);
        Assert.Equal(keyHash, message.Properties.MessageId);
    }

    private static IReadOnlyList<FuzzInput> ValidSamples() => FuzzSamples.Load();

    private static long Iterations() => FuzzSamples.Iterations("HUB_FUZZ_ITERATIONS", DefaultIterations);
}
