using System.Net;
using System.Text.Json.Nodes;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>Reads and checks an RFC 9457 problem answer.</summary>
internal static class Problem
{
    public static async Task<JsonObject> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("urn:lgsp:problem:" + slug, (string?)problem["type"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        return problem;
    }

    public static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();
}
