using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting.Runner;
using IntegrationHub.Functions.Tests.Auth;
using IntegrationHub.Functions.Tests.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NJsonSchema;

namespace IntegrationHub.Functions.Tests.FunctionsProtocol;

/// <summary>
/// The Azure Functions shape: host.json is valid for the isolated worker, the SDK's functions.metadata lists every function
/// with a route or a schedule and valid bindings, and the local runner serves exactly those routes and schedules.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly string Root = RepoRoot();
    private static readonly string SchemasFolder = Path.Combine(Root, "..", "shared", "schemas", "azure-functions");

    public static TheoryData<string> FunctionNames() => new(Metadata().Select(f => (string)f["name"]!));

    [Fact]
    public async Task Host_json_is_valid_and_configures_the_worker_without_a_custom_handler()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Root, "host.json"));
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemasFolder, "host.schema.json"));
        Assert.Empty(schema.Validate(text).Select(e => e.ToString()));

        using var host = JsonDocument.Parse(text);
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        var http = host.RootElement.GetProperty("extensions").GetProperty("http");
        Assert.Equal("", http.GetProperty("routePrefix").GetString());
        Assert.True(http.GetProperty("maxConcurrentRequests").GetInt32() > 0);
        Assert.True(http.GetProperty("maxOutstandingRequests").GetInt32() >= http.GetProperty("maxConcurrentRequests").GetInt32());
        Assert.True(host.RootElement.TryGetProperty("logging", out _));
    }

    [Fact]
    public void The_build_writes_functions_metadata_listing_every_function_of_the_app()
    {
        var listed = Metadata().Select(f => (string)f["name"]!).Order(StringComparer.Ordinal);

        Assert.Equal(FunctionCatalog.Functions.Select(f => f.Name).Order(StringComparer.Ordinal), listed);
        Assert.Contains("IngestEvents", listed);
        Assert.Contains("OutboxRelay", listed);
        Assert.Contains("NdxpForwarder", listed);
        Assert.Contains("ServeIocFile", listed);
        Assert.Contains("AuditCheckpoint", listed);
        Assert.Contains("RetentionPurge", listed);
        Assert.True(File.Exists(Path.Combine(FunctionsOutput(), "extensions.json")));
        Assert.True(File.Exists(Path.Combine(FunctionsOutput(), "host.json")));
    }

    /// <remarks>
    /// The published function.json schema wraps every binding kind in a <c>oneOf</c> that NJsonSchema reports as ambiguous, so
    /// each binding is validated against the schema's own definition for its kind (plus <c>bindingBase</c>).
    /// </remarks>
    [Theory]
    [MemberData(nameof(FunctionNames))]
    public async Task Every_function_has_one_trigger_with_a_route_or_a_schedule_and_valid_bindings(string function)
    {
        var published = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SchemasFolder, "function.schema.json")))!.AsObject();
        var bindings = Metadata().Single(f => (string)f["name"]! == function)["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();

        var trigger = Assert.Single(bindings, b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
        switch ((string)trigger["type"]!)
        {
            case "httpTrigger":
                Assert.False(string.IsNullOrEmpty((string?)trigger["route"]), function);
                Assert.NotEmpty(trigger["methods"]!.AsArray());
                Assert.Equal("anonymous", ((string)trigger["authLevel"]!).ToLowerInvariant());
                break;
            case "timerTrigger":
                TimerSchedule.Parse((string)trigger["schedule"]!);
                break;
            default:
                Assert.Fail($"{function}: trigger {trigger["type"]} is not one the hub uses");
                break;
        }

        foreach (var binding in bindings)
        {
            var definition = (string)binding["type"]! switch
            {
                "httpTrigger" or "http" => "httpBinding",
                "timerTrigger" => "timerTriggerBinding",
                var other => throw new Xunit.Sdk.XunitException($"{function}: binding type {other} is not one the hub uses"),
            };
            var schema = new JsonObject
            {
                ["$schema"] = published["$schema"]!.DeepClone(),
                ["definitions"] = published["definitions"]!.DeepClone(),
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/definitions/" + definition }, new JsonObject { ["$ref"] = "#/definitions/bindingBase" }),
            };
            var worker = binding.DeepClone().AsObject();
            worker.Remove("properties"); // the worker SDK's own annotations (e.g. SupportsDeferredBinding), read by the host only

            // The SDK writes enum values capitalised ("In", "Anonymous"); the host reads them case-insensitively, the schema does not.
            foreach (var key in new[] { "direction", "authLevel" })
            {
                if (worker[key] is { } value)
                {
                    worker[key] = ((string)value!).ToLowerInvariant();
                }
            }

            Assert.Empty((await JsonSchema.FromJsonAsync(schema.ToJsonString())).Validate(worker.ToJsonString()).Select(e => e.ToString()));
        }
    }

    [Fact]
    public async Task The_local_runner_serves_exactly_the_routes_and_schedules_of_functions_metadata()
    {
        var declaredRoutes = new HashSet<(string Name, string Method, string Route)>();
        var declaredSchedules = new HashSet<(string Name, string Schedule)>();
        foreach (var function in Metadata())
        {
            var name = (string)function["name"]!;
            var trigger = function["bindings"]!.AsArray().Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
            if ((string)trigger["type"]! == "timerTrigger")
            {
                declaredSchedules.Add((name, (string)trigger["schedule"]!));
                continue;
            }

            foreach (var method in trigger["methods"]!.AsArray())
            {
                declaredRoutes.Add((name, ((string)method!).ToUpperInvariant(), "/" + (string)trigger["route"]!));
            }
        }

        var settings = HubSettings.WithoutBackends();
        settings["Hub:SenderRegistryPath"] = Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json");
        await using var hub = await InProcessHub.StartAsync("Production", settings);
        var served = hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                (e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .ToHashSet();
        var scheduled = FunctionCatalog.Functions.Where(f => f.IsTimer).Select(f => (f.Name, f.Schedule!)).ToHashSet();

        Assert.Equal(declaredRoutes.Order(), served.Order());
        Assert.Equal(declaredSchedules.Order(), scheduled.Order());
        Assert.Equal(9, declaredSchedules.Count);
        Assert.Contains(("CompletenessMonitor", "15 */5 * * * *"), declaredSchedules);
        Assert.Contains(("GenerateReports", "0 20 * * * *"), declaredSchedules);
        Assert.Contains(("NdxpForwarder", "*/15 * * * * *"), declaredSchedules);
        Assert.Contains(("SnapshotCheckpoint", "0 15 * * * *"), declaredSchedules);
    }

    private static List<JsonObject> Metadata()
    {
        var path = Path.Combine(FunctionsOutput(), "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: dotnet build writes it");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(f => f!.AsObject()).ToList();
    }

    /// <summary>The Functions project's build output, same configuration and framework as the tests.</summary>
    private static string FunctionsOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root, "functions", "IntegrationHub.Functions", "bin", testOutput.Parent!.Name, testOutput.Name);
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
