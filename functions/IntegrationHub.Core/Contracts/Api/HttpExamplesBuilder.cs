using System.Text;

namespace IntegrationHub.Core.Contracts.Api;

/// <summary>
/// A feed's <c>.http</c> file (VS Code REST Client, JetBrains HTTP Client): one ready-to-send request per valid sample.
/// Generated from the samples by <c>dev/http-examples</c>; a test keeps docs/http/ current.
/// </summary>
public static class HttpExamplesBuilder
{
    /// <param name="samples">(file name, file content) of the feed's valid samples, in the order to print them.</param>
    public static string Build(FeedDefinition feed, IReadOnlyList<(string Name, string Json)> samples)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(feed.Id).Append(": ").Append(feed.Title.En).Append(" (").Append(feed.Title.Vi).Append(")\n");
        text.Append("# Generated from contracts/").Append(feed.Id).Append("/samples/valid by dev/http-examples; do not edit by hand.\n");
        text.Append("# Start the hub (dev/up), then paste a token from: dev/token --role ").Append(feed.PublishRole).Append('\n');
        text.Append("# A second send of the same sample answers \"duplicate\" (idempotency on source and id).\n\n");
        text.Append("@hub = http://127.0.0.1:7071\n@token = paste-the-output-of-dev-token-here\n");
        foreach (var (name, json) in samples)
        {
            text.Append("\n### ").Append(name).Append('\n');
            text.Append("POST {{hub}}/api/feeds/").Append(feed.Id).Append("/events\n");
            text.Append("Authorization: Bearer {{token}}\n");
            text.Append("Content-Type: application/cloudevents+json\n\n");
            text.Append(json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
    }
}
