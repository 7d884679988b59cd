namespace IntegrationHub.Core.Validation.Schema;

/// <summary>A property name a schema knows about (from <c>properties</c> or <c>required</c>).</summary>
internal sealed class PropertyEntry
{
    public PropertyEntry(int index, string name, byte[] utf8, SchemaNode? schema)
    {
        Index = index;
        Name = name;
        Utf8 = utf8;
        Schema = schema;
        PointerSegment = "/" + JsonPointer.Escape(name);
    }

    public int Index { get; }

    /// <summary>The position in the schema's <c>required</c> list, or -1.</summary>
    public int RequiredSlot { get; set; } = -1;

    public string Name { get; }

    public byte[] Utf8 { get; }

    /// <summary>The schema from <c>properties</c>; null when the name only appears in <c>required</c>.</summary>
    public SchemaNode? Schema { get; }

    /// <summary>"/" + the RFC 6901-escaped name, precomputed so that pointers are cheap to build.</summary>
    public string PointerSegment { get; }
}
