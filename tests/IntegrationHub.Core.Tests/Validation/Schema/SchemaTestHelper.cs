using System.Text.Json;
using IntegrationHub.Core.Validation.Schema;

namespace IntegrationHub.Core.Tests.Validation.Schema;

internal static class SchemaTestHelper
{
    public static CompiledSchema Compile(string schemaJson)
    {
        using var document = JsonDocument.Parse(schemaJson);
        return CompiledSchema.Compile(document.RootElement);
    }

    /// <summary>Validates and checks that IsValid agrees with the error list.</summary>
    public static List<SchemaError> Validate(string schemaJson, string instanceJson, string prefix = "")
    {
        var schema = Compile(schemaJson);
        using var instance = JsonDocument.Parse(instanceJson);
        var errors = new List<SchemaError>();
        schema.Validate(instance.RootElement, prefix, errors);
        Assert.Equal(errors.Count == 0, schema.IsValid(instance.RootElement));
        return errors;
    }

    public static bool IsValid(string schemaJson, string instanceJson) => Validate(schemaJson, instanceJson).Count == 0;
}
