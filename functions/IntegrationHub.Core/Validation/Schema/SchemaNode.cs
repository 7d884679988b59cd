using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// One compiled (sub)schema. Keywords are grouped by the instance type they apply to, so an instance is
/// inspected once per kind, and nothing on the success path allocates.
/// </summary>
internal sealed class SchemaNode
{
    public const string NotAllowedDetail = "is not allowed";
    public const string RequiredDetail = "is required";

    private bool _alwaysValid;
    private bool _hasNumberChecks;
    private bool _hasStringChecks;
    private bool _hasArrayChecks;
    private bool _hasObjectChecks;

    private string? _minimumDetail;
    private string? _maximumDetail;
    private string? _exclusiveMinimumDetail;
    private string? _exclusiveMaximumDetail;
    private string? _multipleOfDetail;
    private string? _minLengthDetail;
    private string? _maxLengthDetail;
    private string? _formatDetail;
    private string? _minItemsDetail;
    private string? _maxItemsDetail;

    private SchemaNode(bool isFalse)
    {
        IsFalse = isFalse;
        _alwaysValid = !isFalse;
    }

    public SchemaNode()
    {
    }

    /// <summary>The schema <c>true</c> (and <c>{}</c>): everything is valid.</summary>
    public static SchemaNode True { get; } = new(isFalse: false);

    /// <summary>The schema <c>false</c>: nothing is valid.</summary>
    public static SchemaNode False { get; } = new(isFalse: true);

    public bool IsFalse { get; }

    public bool IsAlwaysValid => _alwaysValid;

    public InstanceTypes Types { get; set; }

    public string? TypeDetail { get; set; }

    public ConstantValue? Const { get; set; }

    public ConstantValue[]? Enum { get; set; }

    /// <summary>"must be one of: A, B", computed once at compile time.</summary>
    public string? EnumDetail { get; set; }

    public SchemaNumber? Minimum { get; set; }

    public SchemaNumber? Maximum { get; set; }

    public SchemaNumber? ExclusiveMinimum { get; set; }

    public SchemaNumber? ExclusiveMaximum { get; set; }

    public SchemaNumber? MultipleOf { get; set; }

    public long? MinLength { get; set; }

    public long? MaxLength { get; set; }

    public CompiledPattern? Pattern { get; set; }

    public AssertedFormat Format { get; set; }

    public SchemaNode? Items { get; set; }

    public SchemaNode[]? ItemsTuple { get; set; }

    public long? MinItems { get; set; }

    public long? MaxItems { get; set; }

    public PropertyTable? Properties { get; set; }

    public PropertyEntry[]? Required { get; set; }

    public SchemaNode? AdditionalProperties { get; set; }

    public SchemaNode[]? AllOf { get; set; }

    public SchemaNode? If { get; set; }

    public SchemaNode? Then { get; set; }

    public SchemaNode? Else { get; set; }

    /// <summary>Precomputes the details and the per-kind flags once all keywords are set.</summary>
    public void Complete()
    {
        if (Items is { IsAlwaysValid: true })
        {
            Items = null;
        }

        if (AdditionalProperties is { IsAlwaysValid: true })
        {
            AdditionalProperties = null;
        }

        if (If is not null && Then is null && Else is null)
        {
            // Without then/else the outcome of if never matters.
            If = null;
        }

        _minimumDetail = Minimum is null ? null : "must be ≥ " + Minimum.Text;
        _maximumDetail = Maximum is null ? null : "must be ≤ " + Maximum.Text;
        _exclusiveMinimumDetail = ExclusiveMinimum is null ? null : "must be > " + ExclusiveMinimum.Text;
        _exclusiveMaximumDetail = ExclusiveMaximum is null ? null : "must be < " + ExclusiveMaximum.Text;
        _multipleOfDetail = MultipleOf is null ? null : "must be a multiple of " + MultipleOf.Text;
        _minLengthDetail = MinLength is { } minLength ? $"must be at least {Count(minLength)} characters long" : null;
        _maxLengthDetail = MaxLength is { } maxLength ? $"must be at most {Count(maxLength)} characters long" : null;
        _minItemsDetail = MinItems is { } minItems ? $"must have at least {Count(minItems)} items" : null;
        _maxItemsDetail = MaxItems is { } maxItems ? $"must have at most {Count(maxItems)} items" : null;
        _formatDetail = Format switch
        {
            AssertedFormat.Date => "must be a valid date (RFC 3339 full-date)",
            AssertedFormat.DateTime => "must be a valid date-time (RFC 3339 date-time)",
            _ => null,
        };

        _hasNumberChecks = Minimum is not null || Maximum is not null || ExclusiveMinimum is not null
            || ExclusiveMaximum is not null || MultipleOf is not null;
        _hasStringChecks = MinLength is not null || MaxLength is not null || Pattern is not null || Format != AssertedFormat.None;
        _hasArrayChecks = Items is not null || ItemsTuple is not null || MinItems is not null || MaxItems is not null;
        _hasObjectChecks = Properties is not null || AdditionalProperties is not null;
        _alwaysValid = !IsFalse && Types == InstanceTypes.None && Const is null && Enum is null
            && !_hasNumberChecks && !_hasStringChecks && !_hasArrayChecks && !_hasObjectChecks
            && AllOf is null && If is null;
    }

    /// <summary>
    /// Validates <paramref name="instance"/>. When the context collects, every error is recorded and the
    /// evaluation continues; otherwise the first failure returns false at once.
    /// </summary>
    public bool Evaluate(JsonElement instance, EvaluationContext context)
    {
        if (_alwaysValid)
        {
            return true;
        }

        if (IsFalse)
        {
            context.Fail(NotAllowedDetail);
            return false;
        }

        var valid = true;
        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                if (!TypeAllows(InstanceTypes.Object))
                {
                    context.Fail(TypeDetail!);
                    valid = false;
                }

                if (_hasObjectChecks && (valid || context.Collecting) && !EvaluateObject(instance, context))
                {
                    valid = false;
                }

                break;
            case JsonValueKind.Array:
                if (!TypeAllows(InstanceTypes.Array))
                {
                    context.Fail(TypeDetail!);
                    valid = false;
                }

                if (_hasArrayChecks && (valid || context.Collecting) && !EvaluateArray(instance, context))
                {
                    valid = false;
                }

                break;
            case JsonValueKind.String:
                if (!TypeAllows(InstanceTypes.String))
                {
                    context.Fail(TypeDetail!);
                    valid = false;
                }

                if (_hasStringChecks && (valid || context.Collecting) && !EvaluateString(instance, context))
                {
                    valid = false;
                }

                break;
            case JsonValueKind.Number:
                valid = EvaluateNumber(instance, context);
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                if (!TypeAllows(InstanceTypes.Boolean))
                {
                    context.Fail(TypeDetail!);
                    valid = false;
                }

                break;
            case JsonValueKind.Null:
                if (!TypeAllows(InstanceTypes.Null))
                {
                    context.Fail(TypeDetail!);
                    valid = false;
                }

                break;
            default:
                if (Types != InstanceTypes.None)
                {
                    context.Fail(TypeDetail!);
                    valid = false;
                }

                break;
        }

        if (!valid && !context.Collecting)
        {
            return false;
        }

        if (Const is not null && !Const.Matches(instance))
        {
            context.Fail(ConstDetail(Const));
            if (!context.Collecting)
            {
                return false;
            }

            valid = false;
        }

        if (Enum is not null && !ConstantValue.MatchesAny(Enum, instance))
        {
            context.Fail(EnumDetail!);
            if (!context.Collecting)
            {
                return false;
            }

            valid = false;
        }

        if (AllOf is not null)
        {
            foreach (var schema in AllOf)
            {
                if (!schema.Evaluate(instance, context))
                {
                    if (!context.Collecting)
                    {
                        return false;
                    }

                    valid = false;
                }
            }
        }

        if (If is not null)
        {
            // The if schema only selects a branch; its own errors are never reported.
            var collecting = context.Collecting;
            context.Collecting = false;
            var matched = If.Evaluate(instance, context);
            context.Collecting = collecting;
            var branch = matched ? Then : Else;
            if (branch is not null && !branch.Evaluate(instance, context))
            {
                valid = false;
            }
        }

        return valid;
    }

    private static string ConstDetail(ConstantValue value) => "must be equal to " + value.Display;

    private static string Count(long value) =>
        value == long.MaxValue ? "an unbounded number of" : value.ToString(CultureInfo.InvariantCulture);

    private bool TypeAllows(InstanceTypes type) => Types == InstanceTypes.None || (Types & type) != 0;

    private bool EvaluateNumber(JsonElement instance, EvaluationContext context)
    {
        var typeAllowsAny = TypeAllows(InstanceTypes.Number);
        var integerOnly = !typeAllowsAny && (Types & InstanceTypes.Integer) != 0;
        if (!_hasNumberChecks && !integerOnly)
        {
            if (!typeAllowsAny)
            {
                context.Fail(TypeDetail!);
                return false;
            }

            return true;
        }

        var raw = JsonMarshal.GetRawUtf8Value(instance);
        byte[]? rented = null;
        var digits = raw.Length <= JsonNumber.StackDigits
            ? stackalloc byte[JsonNumber.StackDigits]
            : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            var number = JsonNumber.Parse(raw, digits);
            var valid = true;
            if (!typeAllowsAny && !(integerOnly && number.IsInteger))
            {
                context.Fail(TypeDetail!);
                if (!context.Collecting)
                {
                    return false;
                }

                valid = false;
            }

            if (Minimum is not null && JsonNumber.Compare(number, Minimum.View) < 0)
            {
                context.Fail(_minimumDetail!);
                valid = false;
            }

            if (Maximum is not null && JsonNumber.Compare(number, Maximum.View) > 0)
            {
                context.Fail(_maximumDetail!);
                valid = false;
            }

            if (ExclusiveMinimum is not null && JsonNumber.Compare(number, ExclusiveMinimum.View) <= 0)
            {
                context.Fail(_exclusiveMinimumDetail!);
                valid = false;
            }

            if (ExclusiveMaximum is not null && JsonNumber.Compare(number, ExclusiveMaximum.View) >= 0)
            {
                context.Fail(_exclusiveMaximumDetail!);
                valid = false;
            }

            if (MultipleOf is not null && (valid || context.Collecting) && !JsonNumber.IsMultipleOf(number, MultipleOf))
            {
                context.Fail(_multipleOfDetail!);
                valid = false;
            }

            return valid;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private bool EvaluateString(JsonElement instance, EvaluationContext context)
    {
        var raw = JsonText.RawStringContent(instance);
        var utf8 = raw;
        string? decoded = null;
        if (JsonText.HasEscapes(raw))
        {
            decoded = JsonText.Unescape(raw);
            utf8 = Encoding.UTF8.GetBytes(decoded);
        }

        var valid = true;
        if (MinLength is not null || MaxLength is not null)
        {
            var length = decoded is null ? JsonText.CountCodePoints(utf8) : JsonText.CountCodePoints(decoded.AsSpan());
            if (length < MinLength)
            {
                context.Fail(_minLengthDetail!);
                valid = false;
            }

            if (length > MaxLength)
            {
                context.Fail(_maxLengthDetail!);
                valid = false;
            }

            if (!valid && !context.Collecting)
            {
                return false;
            }
        }

        if (Pattern is not null)
        {
            var matched = decoded is null ? Pattern.IsMatch(utf8, out var timedOut) : Pattern.IsMatch(decoded.AsSpan(), out timedOut);
            if (!matched)
            {
                context.Fail(timedOut ? Pattern.TimeoutDetail : Pattern.MismatchDetail);
                if (!context.Collecting)
                {
                    return false;
                }

                valid = false;
            }
        }

        if (Format != AssertedFormat.None)
        {
            var formatValid = Format == AssertedFormat.Date ? Rfc3339.IsFullDate(utf8) : Rfc3339.IsDateTime(utf8);
            if (!formatValid)
            {
                context.Fail(_formatDetail!);
                valid = false;
            }
        }

        return valid;
    }

    private bool EvaluateArray(JsonElement instance, EvaluationContext context)
    {
        var valid = true;
        if (MinItems is not null || MaxItems is not null)
        {
            var length = instance.GetArrayLength();
            if (length < MinItems)
            {
                context.Fail(_minItemsDetail!);
                valid = false;
            }

            if (length > MaxItems)
            {
                context.Fail(_maxItemsDetail!);
                valid = false;
            }

            if (!valid && !context.Collecting)
            {
                return false;
            }
        }

        if (Items is null && ItemsTuple is null)
        {
            return valid;
        }

        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            SchemaNode? schema;
            if (ItemsTuple is null)
            {
                schema = Items;
            }
            else if (index < ItemsTuple.Length)
            {
                schema = ItemsTuple[index];
            }
            else
            {
                break;
            }

            if (!schema!._alwaysValid)
            {
                context.PushIndex(index);
                var itemValid = schema.Evaluate(item, context);
                context.Pop();
                if (!itemValid)
                {
                    if (!context.Collecting)
                    {
                        return false;
                    }

                    valid = false;
                }
            }

            index++;
        }

        return valid;
    }

    private bool EvaluateObject(JsonElement instance, EvaluationContext context)
    {
        var valid = true;
        var properties = Properties;
        var required = Required;
        var seen = required is null ? Span<bool>.Empty
            : required.Length <= 256 ? stackalloc bool[required.Length]
            : new bool[required.Length];

        foreach (var property in instance.EnumerateObject())
        {
            PropertyEntry? entry = null;
            if (properties is not null)
            {
                var rawName = JsonMarshal.GetRawUtf8PropertyName(property);
                entry = JsonText.HasEscapes(rawName) ? properties.Find(JsonText.Unescape(rawName)) : properties.Find(rawName);
            }

            bool propertyValid;
            if (entry is not null)
            {
                if (required is not null && entry.RequiredSlot >= 0)
                {
                    seen[entry.RequiredSlot] = true;
                }

                var schema = entry.Schema;
                if (schema is null || schema._alwaysValid)
                {
                    continue;
                }

                context.PushSegment(entry.PointerSegment);
                propertyValid = schema.Evaluate(property.Value, context);
                context.Pop();
            }
            else if (AdditionalProperties is not null)
            {
                context.PushProperty(property);
                propertyValid = AdditionalProperties.Evaluate(property.Value, context);
                context.Pop();
            }
            else
            {
                continue;
            }

            if (!propertyValid)
            {
                if (!context.Collecting)
                {
                    return false;
                }

                valid = false;
            }
        }

        if (required is not null)
        {
            for (var i = 0; i < required.Length; i++)
            {
                if (!seen[i])
                {
                    context.FailAt(required[i].PointerSegment, RequiredDetail);
                    if (!context.Collecting)
                    {
                        return false;
                    }

                    valid = false;
                }
            }
        }

        return valid;
    }
}
