using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// A JSON Schema draft-07 schema restricted to <see cref="SchemaProfile"/>, compiled once and safe to share
/// between threads. Validation never throws on any instance and reports every error with a JSON Pointer.
/// </summary>
public sealed class CompiledSchema
{
    private const string InternalErrorDetail = "could not be validated";

    private readonly SchemaNode _root;

    private CompiledSchema(SchemaNode root)
    {
        _root = root;
    }

    /// <exception cref="SchemaCompileException">
    /// The schema uses a keyword outside the profile, gives a keyword a malformed value, or nests too deeply.
    /// </exception>
    public static CompiledSchema Compile(JsonElement schema) => new(SchemaCompiler.Compile(schema));

    public bool IsValid(JsonElement instance)
    {
        var context = EvaluationContext.Rent(string.Empty, null);
        try
        {
            return _root.Evaluate(instance, context);
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            // Fail closed: an instance the validator cannot handle is never accepted.
            return false;
        }
        finally
        {
            EvaluationContext.Return(context);
        }
    }

    /// <summary>Appends every error to <paramref name="errors"/>, with pointers that start with <paramref name="instancePointerPrefix"/>.</summary>
    /// <param name="instance">The value to validate.</param>
    /// <param name="instancePointerPrefix">Where the instance sits in the enclosing document, e.g. "/data"; "" for the root.</param>
    /// <param name="errors">Receives the errors; nothing is added when the instance is valid.</param>
    public void Validate(JsonElement instance, string instancePointerPrefix, ICollection<SchemaError> errors)
    {
        ArgumentNullException.ThrowIfNull(instancePointerPrefix);
        ArgumentNullException.ThrowIfNull(errors);
        var context = EvaluationContext.Rent(instancePointerPrefix, errors);
        try
        {
            _root.Evaluate(instance, context);
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            // Fail closed: an instance the validator cannot handle is reported, never accepted.
            errors.Add(new SchemaError(instancePointerPrefix, InternalErrorDetail));
        }
        finally
        {
            EvaluationContext.Return(context);
        }
    }
}
