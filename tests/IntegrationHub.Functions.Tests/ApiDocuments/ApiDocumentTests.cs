using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Tests.Auth;
using Xunit.Abstractions;

namespace IntegrationHub.Functions.Tests.ApiDocuments;

/// <summary>
/// <c>GET /api/openapi.json</c> and <c>GET /api/asyncapi.json</c> over real HTTP, each validated by a real validator of its
/// format (run with node), and checked against the app's route table and the catalogue they are generated from.
/// </summary>
[Collection(AuthHubCollection.Name)]
public sealed class ApiDocumentTests(AuthHubFixture hub, ITestOutputHelper output)
{
    private static readonly FeedCatalogue Catalogue = FeedCatalogue.Load(Path.Combine(AppContext.BaseDirectory, "contracts"));

    [Theory]
    [InlineData("/api/openapi.json")]
    [InlineData("/api/asyncapi.json")]
    public async Task The_documents_need_a_token(string path)
    {
        using var response = await hub.GetAsync(path, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_valid_and_describes_every_route_with_its_security_and_every_feed_major()
    {
        var document = await GetAsync("/api/openapi.json");
        Validate("openapi", document);

        Assert.Equal("3.1.0", (string?)document["openapi"]);
        var routes = ApiRouteTable.Routes;
        Assert.Contains(routes, r => r.Route == "/api/openapi.json");
        var paths = document["paths"]!.AsObject();
        Assert.Equal(routes.Select(r => r.Route).Distinct().Order(StringComparer.Ordinal), paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var route in routes)
        {
            foreach (var method in route.Methods)
            {
                var operation = paths[route.Route]![method.ToLowerInvariant()]!;
                if (route.ReadsFeedRecords)
                {
                    // One requirement per role: which one a feed needs is its classification's (x-hub-read-roles).
                    Assert.Equal(route.Roles, operation["security"]!.AsArray().Select(r => (string)r!["bearer"]!.AsArray().Single()!));
                    Assert.Equal(Catalogue.Feeds.Select(f => (f.Id, f.RecordReadRole())),
                        operation["x-hub-read-roles"]!.AsObject().Select(p => (p.Key, (string)p.Value!)));
                    continue;
                }

                var security = operation["security"]!.AsArray().Single()!.AsObject();
                if (route.Anonymous)
                {
                    Assert.Empty(security);
                }
                else
                {
                    Assert.Equal(route.Roles, security["bearer"]!.AsArray().Select(r => (string)r!));
                    Assert.NotNull(operation["responses"]!["401"]);
                }
            }
        }

        var ingest = paths["/api/feeds/{feedId}/events"]!["post"]!;
        Assert.Equal(["Feeds.Publish.{feedId}"], ingest["security"]![0]!["bearer"]!.AsArray().Select(r => (string)r!));
        Assert.All(new[] { "202", "400", "413", "415", "422", "503" }, status => Assert.NotNull(ingest["responses"]![status]));
        Assert.Equal("application/problem+json", document["components"]!["responses"]!["Rejected"]!["content"]!.AsObject().Single().Key);
        var snapshot = paths["/api/snapshots/{feedId}/{subject}"]!["get"]!;
        Assert.Equal(["Snapshots.Read"], snapshot["security"]![0]!["bearer"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["Snapshots.Read.{feedId}"], snapshot["security"]![1]!["bearer"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("Snapshots.Read.land.parcel-record", (string?)snapshot["x-hub-read-roles"]!["land.parcel-record"]);
        Assert.Equal("Snapshots.Read", (string?)snapshot["x-hub-read-roles"]!["edu.school-status"]);
        Assert.Equal("Snapshots.Read", (string?)snapshot["x-hub-read-roles"]!["env.observation"]);
        Assert.All(new[] { "/api/snapshots/{feedId}", "/api/snapshots/{feedId}/{subject}/history" },
            path => Assert.NotNull(paths[path]!["get"]!["x-hub-read-roles"]));
        Assert.Null(paths["/api/indicators"]!["get"]!["x-hub-read-roles"]);
        var reports = paths["/api/reports"]!["get"]!;
        Assert.Equal(["Snapshots.Read"], reports["security"]![0]!["bearer"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("application/json", reports["responses"]!["200"]!["content"]!.AsObject().Single().Key);
        var reportFile = paths["/api/reports/{id}/{file}"]!["get"]!;
        Assert.Equal(["text/html", "text/csv"], reportFile["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key));
        Assert.All(new[] { "401", "403", "404" }, status => Assert.NotNull(reportFile["responses"]![status]));
        Assert.Empty(paths["/api/health"]!["get"]!["security"]![0]!.AsObject());

        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var feed in Catalogue.Feeds)
        {
            foreach (var version in feed.Versions.Where(v => v.AcceptsEvents))
            {
                var data = schemas[$"{feed.Id}.v{version.Major}.data"]!.AsObject();
                var published = JsonNode.Parse(version.SchemaJson)!.AsObject();
                Assert.Equal(published["properties"]!.ToJsonString(), data["properties"]!.ToJsonString());
                Assert.NotNull(schemas[$"{feed.Id}.v{version.Major}.event"]);
            }
        }

        Assert.Equal(Catalogue.Feeds.Sum(f => f.Versions.Count(v => v.AcceptsEvents)), schemas["AnyFeedEvent"]!["oneOf"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_AsyncAPI_document_is_valid_and_has_every_topic_and_subscription_with_its_message()
    {
        var document = await GetAsync("/api/asyncapi.json");
        Validate("asyncapi", document);

        Assert.Equal("3.0.0", (string?)document["asyncapi"]);
        Assert.Equal(["rabbitmq", "serviceBus"], document["servers"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
        var channels = document["channels"]!.AsObject();
        var operations = document["operations"]!.AsObject();
        foreach (var topic in Catalogue.Topology().Topics)
        {
            Assert.Equal(topic.Name, (string?)channels[topic.Name]!["address"]);
            Assert.Equal("send", (string?)operations["publish." + topic.Name]!["action"]);
            foreach (var subscription in topic.Subscriptions)
            {
                Assert.Equal($"{topic.Name}/Subscriptions/{subscription}", (string?)channels[$"{topic.Name}.{subscription}"]!["address"]);
                Assert.Equal("receive", (string?)operations[$"receive.{topic.Name}.{subscription}"]!["action"]);
            }
        }

        Assert.Equal(Catalogue.Topology().Topics.Sum(t => 1 + t.Subscriptions.Count), channels.Count);
        var v2 = document["components"]!["messages"]!["pubsvc.dossier-status.v2.message"]!;
        Assert.Equal("pubsvc.dossier-status.v2", (string?)v2["headers"]!["allOf"]![1]!["properties"]!["cloudEvents:type"]!["const"]);
        var payload = document["components"]!["schemas"]!["pubsvc.dossier-status.v2.data"]!;
        Assert.Equal("application/schema+json;version=draft-07", (string?)payload["schemaFormat"]);
        Assert.Contains("procedureFullOnline", payload["schema"]!["required"]!.AsArray().Select(r => (string)r!));
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var response = await hub.GetAsync(path, hub.Token("ioc-reader", IntegrationHub.Functions.Hosting.Identity.HubRoles.SnapshotsRead));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private void Validate(string kind, JsonObject document)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{kind}-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, document.ToJsonString());
        try
        {
            var script = Path.Combine(RepoRoot(), "tests", "IntegrationHub.Functions.Tests", "ApiDocuments", "validate-api-document.mjs");
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(kind);
            start.ArgumentList.Add(file);
            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            Assert.True(node.WaitForExit(120_000), "the validator did not finish within 2 minutes");
            output.WriteLine(stdout.Result + stderr.Result);
            Assert.True(node.ExitCode == 0, $"{kind} validation failed (is node_modules installed? npm ci):\n{stdout.Result}\n{stderr.Result}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IntegrationHub.sln not found above the test binaries.");
    }
}
