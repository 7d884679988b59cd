using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Contracts.Api;

/// <summary>
/// A contract schema as a component of an API document: the same constraints, without the document-level
/// <c>$schema</c> and <c>$id</c> (the profile's keywords mean the same in draft-07 and in the 2020-12 dialect of
/// OpenAPI 3.1, and an embedded <c>$id</c> would re-base references).
/// </summary>
internal static class JsonSchemaEmbedding
{
    public static JsonObject Embed(byte[] schemaJson)
    {
        var schema = JsonNode.Parse(schemaJson)!.AsObject();
        schema.Remove("$schema");
        schema.Remove("$id");
        return schema;
    }

    public static string ComponentName(string feedId, int major, string part) => $"{feedId}.v{major}.{part}";
}
