using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.TestSupport;

/// <summary>The seeds of the fuzz tests: every feed's valid samples in the three modes (structured, batched, binary).</summary>
public static class FuzzSamples
{
    public static IReadOnlyList<FuzzInput> Load()
    {
        var inputs = new List<FuzzInput>();
        foreach (var folder in Directory.GetDirectories(RepoPaths.Contracts).Where(d => File.Exists(Path.Combine(d, "feed.json"))).Order(StringComparer.Ordinal))
        {
            var feed = Path.GetFileName(folder);
            var files = Directory.GetFiles(Path.Combine(folder, "samples", "valid"), "*.json").Order(StringComparer.Ordinal).ToList();
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(file);
                inputs.Add(new FuzzInput(feed, CloudEventReader.StructuredMediaType, [], bytes, "sample"));
                using var document = JsonDocument.Parse(bytes);
                var headers = document.RootElement.EnumerateObject()
                    .Where(p => p.Name is not ("data" or "datacontenttype"))
                    .Select(p => new KeyValuePair<string, string>("ce-" + p.Name, Uri.EscapeDataString(p.Value.GetString()!)))
                    .ToList();
                inputs.Add(new FuzzInput(feed, "application/json", headers, JsonSerializer.SerializeToUtf8Bytes(document.RootElement.GetProperty("data")), "sample"));
            }

            var batch = "[" + string.Join(",", files.Select(File.ReadAllText)) + "]";
            inputs.Add(new FuzzInput(feed, CloudEventReader.BatchMediaType, [], Encoding.UTF8.GetBytes(batch), "sample"));
        }

        return inputs;
    }

    /// <summary>The count set by <paramref name="variable"/>, else <paramref name="fallback"/>.</summary>
    public static long Iterations(string variable, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : fallback;
}
