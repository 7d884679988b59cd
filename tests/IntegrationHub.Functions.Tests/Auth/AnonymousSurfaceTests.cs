using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// What an anonymous caller can reach: the allow-list and nothing else. The route table is read from the running app, so an
/// endpoint added later without a decision about its authorization fails here.
/// </summary>
[Collection(AuthHubCollection.Name)]
public sealed class AnonymousSurfaceTests(AuthHubFixture hub)
{
    [Fact]
    public async Task Every_mapped_endpoint_outside_the_allow_list_refuses_anonymous_callers()
    {
        var endpoints = hub.Hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();
        Assert.True(endpoints.Length >= 6, $"only {endpoints.Length} endpoints found");

        var failures = new List<string>();
        var anonymous = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = SamplePath(endpoint.RoutePattern);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                var response = await hub.Client.SendAsync(request);
                var allowed = IsAllowListed(method, path);
                if (allowed)
                {
                    anonymous.Add($"{method} {path}");
                }

                if (allowed == (response.StatusCode == HttpStatusCode.Unauthorized))
                {
                    failures.Add($"{method} {path} ({endpoint.DisplayName}): {(int)response.StatusCode}, allow-listed: {allowed}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains("GET /api/health", anonymous);
        Assert.Contains("GET /ioc/config.json", anonymous);
        Assert.DoesNotContain(anonymous, a => a.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_answers_without_a_token_with_the_status_only()
    {
        var response = await hub.GetAsync("/api/health", null);

        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["status"], body.Select(p => p.Key));
    }

    [Fact]
    public async Task The_root_is_not_served_by_the_app()
    {
        // Under the Functions host, GET / is the host's own page; the app serves nothing there, and neither does the runner.
        var response = await hub.GetAsync("/", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Static_files_of_the_ioc_page_need_no_token()
    {
        // The page's files are deployed beside the app: served, not challenged.
        var response = await hub.GetAsync("/ioc/index.html", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Writing_under_the_ioc_path_still_needs_a_token()
    {
        var response = await hub.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/ioc/index.html"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unmapped_path_refuses_anonymous_callers_instead_of_revealing_it_is_unmapped()
    {
        var response = await hub.GetAsync("/api/unknown", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unmapped_snapshot_path_needs_the_reader_role_even_without_an_endpoint_policy()
    {
        var response = await hub.GetAsync("/api/snapshots/edu.school-status", hub.Token("edu-sector-db", "Feeds.Publish.edu.school-status"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "missing-role");
        Assert.Equal(["Snapshots.Read"], Problem.Strings(problem["missingRoles"]));
    }

    /// <summary>The anonymous allow-list: health, and the IOC page's static files and settings.</summary>
    private static bool IsAllowListed(string method, string path) =>
        (method == "GET" && path is "/api/health")
        || (method is "GET" or "HEAD" && (path == "/ioc" || path.StartsWith("/ioc/", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A concrete path for a route: a real feed id for <c>{feedId}</c>, "1" for any other parameter.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: "feedId" } => AuthHubFixture.EduFeed,
                    RoutePatternParameterPart => "1",
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }
}
