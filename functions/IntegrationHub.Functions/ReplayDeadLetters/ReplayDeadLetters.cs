using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.ReplayDeadLetters;

/// <summary>
/// <c>POST /api/deadletters/{topic}/{subscription}/replay</c> with <c>{"messageIds":["…"]}</c>: sends the chosen
/// dead-lettered messages back to that subscription and removes them from its dead-letter queue (see
/// <see cref="DeadLetters"/> for what replay means on RabbitMQ and on Service Bus). Operators only (<c>Hub.Admin</c>).
/// </summary>
[HubPolicy(HubPolicies.Admin)]
public sealed class ReplayDeadLetters(HubRequestPipeline pipeline, FeedCatalogue catalogue, DeadLetters deadLetters, RequestAudit? audit = null)
{
    public const string Route = "api/deadletters/{topic}/{subscription}/replay";
    public const int MaxIds = 1000;
    private const long MaxBodyBytes = 256 * 1024;

    [Function(nameof(ReplayDeadLetters))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, string topic, string subscription) =>
        pipeline.RunAsync<ReplayDeadLetters>(request, context => HandleAsync(topic, subscription, context.Request, context.RequestAborted));

    private async Task<IResult> HandleAsync(string topic, string subscription, HttpRequest request, CancellationToken cancellationToken)
    {
        if (ListDeadLetters.ListDeadLetters.UnknownSubscription(catalogue, topic, subscription) is { } unknown)
        {
            return unknown;
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.BodyTooLarge(MaxBodyBytes);
        }

        if (ReadIds(body.Value) is not { } ids)
        {
            return Problems.Result(400, "bad-request", "Bad request",
                $$"""The body must be {"messageIds":["<message id>", …]}: 1 to {{MaxIds}} non-empty strings, the messageId values that GET /api/deadletters/{topic}/{subscription} lists.""");
        }

        var replay = await deadLetters.ReplayAsync(topic, subscription, ids, cancellationToken);
        await (audit?.RecordAdminAsync(request.HttpContext, AuditEntry.DeadLetterReplay, topic, subscription, ids, new JsonObject
        {
            ["replayed"] = new JsonArray(replay.Replayed.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
            ["notFound"] = new JsonArray(replay.NotFound.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
        }) ?? Task.CompletedTask);
        return Results.Json(new { topic, subscription, replayed = replay.Replayed, notFound = replay.NotFound }, Problems.Json);
    }

    private static List<string>? ReadIds(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("messageIds", out var array)
                || array.ValueKind != JsonValueKind.Array
                || array.GetArrayLength() is 0 or > MaxIds)
            {
                return null;
            }

            var ids = new List<string>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } id)
                {
                    return null;
                }

                ids.Add(id);
            }

            return ids;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
