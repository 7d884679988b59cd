using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Scheduling;
using IntegrationHub.Functions.Tests.Hosting;
using Microsoft.AspNetCore.Routing;
using NJsonSchema;

namespace IntegrationHub.Functions.Tests.FunctionsProtocol;

/// <summary>The Azure Functions shape: host.json and every function.json are valid and agree with the app's route table.</summary>
public class FunctionJsonTests
{
    private static readonly string Root = RepoRoot();
    private static readonly string FunctionsProject = Path.Combine(Root, "functions", "IntegrationHub.Functions");
    private static readonly string SchemasFolder = Path.Combine(Root, "..", "shared", "schemas", "azure-functions");

    public static TheoryData<string> FunctionFolders() => new(FunctionNames());

    private static IEnumerable<string> FunctionNames() =>
        Directory.GetDirectories(FunctionsProject)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal);

    /// <remarks>
    /// The published schema wraps every binding kind in a <c>oneOf</c> that also holds a catch-all "dynamic binding" guarded by
    /// <c>not</c>; NJsonSchema reports that construction as ambiguous for every binding. So each binding is validated against the
    /// schema's own definition for its kind (plus <c>bindingBase</c>), and the document against the schema without that <c>oneOf</c>.
    /// </remarks>
    [Theory]
    [MemberData(nameof(FunctionFolders))]
    public async Task Function_json_is_valid_against_the_published_schema(string function)
    {
        var published = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SchemasFolder, "function.schema.json")))!.AsObject();
        var text = await File.ReadAllTextAsync(FunctionJsonPath(function));

        var document = published.DeepClone().AsObject();
        document["properties"]!["bindings"]!.AsObject().Remove("items");
        Assert.Empty((await JsonSchema.FromJsonAsync(document.ToJsonString())).Validate(text).Select(e => e.ToString()));

        foreach (var binding in Bindings(function))
        {
            var definition = binding.GetProperty("type").GetString() switch
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
            Assert.Empty((await JsonSchema.FromJsonAsync(schema.ToJsonString())).Validate(binding.GetRawText()).Select(e => e.ToString()));
        }
    }

    [Theory]
    [MemberData(nameof(FunctionFolders))]
    public void Http_functions_have_exactly_one_http_trigger_and_one_http_output_so_they_are_proxied(string function)
    {
        var bindings = Bindings(function);
        if (bindings.Any(b => b.GetProperty("type").GetString() == "timerTrigger"))
        {
            Assert.Single(bindings);
            NCrontabSchedule.Parse(bindings[0].GetProperty("schedule").GetString()!);
            return;
        }

        Assert.Equal(2, bindings.Count);
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger" && b.GetProperty("direction").GetString() == "in");
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "out");
    }

    [Fact]
    public async Task Host_json_is_valid_and_declares_the_custom_handler_with_both_http_modes()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Root, "host.json"));
        var schema = await JsonSchema.FromFileAsync(Path.Combine(SchemasFolder, "host.schema.json"));
        Assert.Empty(schema.Validate(text).Select(e => e.ToString()));

        using var host = JsonDocument.Parse(text);
        var handler = host.RootElement.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("IntegrationHub.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.False(host.RootElement.TryGetProperty("configurationProfile", out _));
    }

    [Fact]
    public async Task The_function_routes_equal_the_apps_route_table()
    {
        await using var hub = await TestHub.StartAsync();
        var endpoints = hub.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Method: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Single() ?? "*", Route: "/" + e.RoutePattern.RawText!.TrimStart('/')))
            .Where(e => e.Route != "/")
            .ToHashSet();

        var declared = new HashSet<(string Method, string Route)>();
        foreach (var function in FunctionNames())
        {
            var trigger = Bindings(function)[0];
            if (trigger.GetProperty("type").GetString() == "timerTrigger")
            {
                declared.Add(("POST", "/" + function));
                continue;
            }

            foreach (var method in trigger.GetProperty("methods").EnumerateArray())
            {
                declared.Add((method.GetString()!.ToUpperInvariant(), "/api/" + trigger.GetProperty("route").GetString()));
            }
        }

        Assert.Equal(declared.Order(), endpoints.Order());
    }

    [Fact]
    public async Task Function_json_files_are_copied_beside_the_executable()
    {
        await using var hub = await TestHub.StartAsync();
        foreach (var function in FunctionNames())
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, function, "function.json")), function);
        }
    }

    private static string FunctionJsonPath(string function) => Path.Combine(FunctionsProject, function, "function.json");

    private static List<JsonElement> Bindings(string function)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FunctionJsonPath(function)));
        return document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList();
    }

    private static string RepoRoot() => RepoPaths.Root;
}
