using System.Text.Json.Nodes;

namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>
/// The resources a deployment of infra/main.bicep would create, as `bicep snapshot` predicts them:
/// loops expanded, parameters and variables evaluated; only values known after deployment (such as
/// an identity's principal id) are left as template expressions.
/// </summary>
public sealed class DeploymentSnapshot
{
    private const string RoleAssignmentSegment = "/providers/Microsoft.Authorization/roleAssignments/";

    private readonly JsonObject _snapshot;

    public DeploymentSnapshot(JsonObject snapshot)
    {
        _snapshot = snapshot;
    }

    public IReadOnlyList<JsonObject> Resources =>
        _snapshot["predictedResources"]!.AsArray().Select(resource => resource!.AsObject()).ToList();

    public IReadOnlyList<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject SingleResourceOfType(string type)
    {
        var matches = ResourcesOfType(type);
        Assert.True(matches.Count == 1, $"expected exactly one {type}, found {matches.Count}");
        return matches[0];
    }

    public string Output(string name) =>
        (string?)_snapshot["outputs"]?[name] ?? throw new InvalidOperationException($"no output '{name}' in the snapshot");

    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var site = SingleResourceOfType("Microsoft.Web/sites");
        return site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => (string)setting!["name"]!, setting => (string)setting!["value"]!);
    }

    /// <summary>(scope resource id, role definition GUID) of every role assignment.</summary>
    public IReadOnlyList<(string Scope, string RoleDefinitionId)> RoleAssignments() =>
        ResourcesOfType("Microsoft.Authorization/roleAssignments")
            .Select(assignment =>
            {
                var id = (string)assignment["id"]!;
                var roleDefinitionId = (string)assignment["properties"]!["roleDefinitionId"]!;
                return (id[..id.IndexOf(RoleAssignmentSegment, StringComparison.OrdinalIgnoreCase)],
                    roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..]);
            })
            .ToList();
}
