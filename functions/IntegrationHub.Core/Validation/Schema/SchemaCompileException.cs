namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// A schema uses a keyword outside the contracts' profile or gives a keyword a malformed value.
/// </summary>
public sealed class SchemaCompileException : Exception
{
    public SchemaCompileException()
        : this("The schema could not be compiled.")
    {
    }

    public SchemaCompileException(string message)
        : base(message)
    {
        Keyword = string.Empty;
        SchemaPointer = string.Empty;
    }

    public SchemaCompileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Keyword = string.Empty;
        SchemaPointer = string.Empty;
    }

    public SchemaCompileException(string keyword, string schemaPointer, string reason, Exception? innerException = null)
        : base(FormatMessage(keyword, schemaPointer, reason), innerException)
    {
        Keyword = keyword;
        SchemaPointer = schemaPointer;
    }

    /// <summary>The offending keyword (empty when the problem is not tied to one keyword).</summary>
    public string Keyword { get; }

    /// <summary>JSON Pointer into the schema document, e.g. "/properties/a/patternProperties".</summary>
    public string SchemaPointer { get; }

    private static string FormatMessage(string keyword, string schemaPointer, string reason)
    {
        var location = schemaPointer.Length == 0 ? "the schema root" : $"'{schemaPointer}'";
        return keyword.Length == 0
            ? $"The schema at {location} {reason}."
            : $"Schema keyword '{keyword}' at {location} {reason}.";
    }
}
