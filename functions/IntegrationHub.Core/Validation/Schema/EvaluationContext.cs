using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// State of one validation: where in the instance we are (as a stack of cheap segments, turned into a
/// JSON Pointer only when an error is reported) and whether errors are collected or the first one ends the run.
/// One context per thread is reused, so a validation that finds no error allocates nothing.
/// </summary>
internal sealed class EvaluationContext
{
    [ThreadStatic]
    private static EvaluationContext? _cached;

    private Segment[] _segments = new Segment[16];
    private int _depth;
    private int _highWater;
    private string _prefix = string.Empty;
    private ICollection<SchemaError>? _errors;

    private enum SegmentKind : byte
    {
        Text,
        Index,
        Property,
    }

    /// <summary>True while errors are collected; false when only validity matters (IsValid, the <c>if</c> keyword).</summary>
    public bool Collecting { get; set; }

    public static EvaluationContext Rent(string prefix, ICollection<SchemaError>? errors)
    {
        var context = _cached ?? new EvaluationContext();
        _cached = null;
        context._prefix = prefix;
        context._errors = errors;
        context.Collecting = errors is not null;
        return context;
    }

    public static void Return(EvaluationContext context)
    {
        // Drop references to the instance's document so that it is not kept alive by the cache.
        Array.Clear(context._segments, 0, context._highWater);
        context._depth = 0;
        context._highWater = 0;
        context._errors = null;
        context._prefix = string.Empty;
        _cached = context;
    }

    public void PushSegment(string escapedSegment) => Push(new Segment(SegmentKind.Text, escapedSegment, 0, default));

    public void PushIndex(int index) => Push(new Segment(SegmentKind.Index, null, index, default));

    public void PushProperty(JsonProperty property) => Push(new Segment(SegmentKind.Property, null, 0, property));

    public void Pop() => _depth--;

    /// <summary>Records an error at the current location (when collecting).</summary>
    public void Fail(string detail)
    {
        if (Collecting)
        {
            _errors!.Add(new SchemaError(BuildPointer(null), detail));
        }
    }

    /// <summary>Records an error at a child of the current location, e.g. a missing required property.</summary>
    public void FailAt(string escapedChildSegment, string detail)
    {
        if (Collecting)
        {
            _errors!.Add(new SchemaError(BuildPointer(escapedChildSegment), detail));
        }
    }

    private void Push(Segment segment)
    {
        if (_depth == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }

        _segments[_depth++] = segment;
        if (_depth > _highWater)
        {
            _highWater = _depth;
        }
    }

    private string BuildPointer(string? child)
    {
        var builder = new StringBuilder(_prefix);
        for (var i = 0; i < _depth; i++)
        {
            ref readonly var segment = ref _segments[i];
            switch (segment.Kind)
            {
                case SegmentKind.Text:
                    builder.Append(segment.Text);
                    break;
                case SegmentKind.Index:
                    builder.Append('/').Append(segment.Index.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    JsonPointer.AppendSegment(builder, JsonText.GetName(segment.Property));
                    break;
            }
        }

        builder.Append(child);
        return builder.ToString();
    }

    private readonly record struct Segment(SegmentKind Kind, string? Text, int Index, JsonProperty Property);
}
