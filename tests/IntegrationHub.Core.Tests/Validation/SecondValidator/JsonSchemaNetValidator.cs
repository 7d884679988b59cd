using System.Text.Json;
using Json.Schema;

namespace IntegrationHub.Core.Tests.Validation.SecondValidator;

/// <summary>
/// JsonSchema.Net 8 (an independent, mainstream .NET implementation) as a second reading of the contracts: draft-07,
/// formats asserted (as the profile requires for date and date-time). Each schema is built in its own registry so
/// that schemas sharing an <c>$id</c> do not collide.
/// </summary>
internal static class JsonSchemaNetValidator
{
    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    public static JsonSchema Build(JsonElement schema) =>
        JsonSchema.FromText(schema.GetRawText(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 });

    public static bool IsValid(JsonSchema schema, JsonElement instance) => schema.Evaluate(instance, Options).IsValid;

    /// <summary>The instance locations JsonSchema.Net reports errors at (for diagnostics only: its locations differ by design).</summary>
    public static IReadOnlyList<string> ErrorLocations(JsonSchema schema, JsonElement instance)
    {
        var results = schema.Evaluate(instance, Options);
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation} {string.Join(", ", d.Errors!.Select(e => $"{e.Key}: {e.Value}"))}")
            .ToArray();
    }
}
