using System.Text.Encodings.Web;
using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/validate &lt;feed-id&gt; &lt;file&gt;</c>: validates one CloudEvent or an array of them offline, with the hub's own
/// contracts and validator, and prints one JSON result per event. Exit code 0 only if every event is valid.
/// </summary>
internal static class ValidateCommand
{
    private static readonly JsonSerializerOptions Output = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task<int> RunAsync(string feedId, string file)
    {
        var catalogue = FeedCatalogue.Load(RepoLocator.Contracts);
        var feed = catalogue.Find(feedId);
        if (feed is null)
        {
            Console.Error.WriteLine($"Unknown feed '{feedId}'. Feeds: {string.Join(", ", catalogue.Feeds.Select(f => f.Id))}");
            return Task.FromResult(2);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{file}: {e.Message}");
            return Task.FromResult(1);
        }

        using (document)
        {
            var adminUnits = AdminUnitRegistry.Load(Path.Combine(RepoLocator.Contracts, "reference", "admin-units"));
            var options = new ValidationOptions();
            var validator = new RecordValidator(catalogue, adminUnits, new RuleEvaluator(adminUnits, options, TimeProvider.System));
            var events = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToArray() : [document.RootElement];
            var allValid = true;
            foreach (var evt in events)
            {
                var check = validator.Validate(feed, evt);
                allValid &= check.IsValid;
                var id = evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    id,
                    status = check.IsValid ? "accepted" : "rejected",
                    errors = check.Errors.Select(e => new { pointer = e.Pointer, detail = e.Detail }),
                }, Output));
            }

            return Task.FromResult(allValid ? 0 : 1);
        }
    }
}
