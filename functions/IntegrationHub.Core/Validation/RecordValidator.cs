using System.Globalization;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Validation.Schema;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// Validates one CloudEvent against its feed's contract, exactly as <c>dev/validate</c> does offline:
/// the envelope schema, the type (feed and major version), the data schema and the declared rules.
/// Every error of the record is reported, each at the JSON Pointer of the field it concerns.
/// </summary>
public sealed class RecordValidator(FeedCatalogue catalogue, AdminUnitRegistry adminUnits, RuleEvaluator rules)
{
    public RecordCheck Validate(FeedDefinition feed, JsonElement evt)
    {
        var errors = new List<ValidationError>();
        if (evt.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("", "must be a CloudEvent: a JSON object with specversion, type, source, id, time and data"));
            return new RecordCheck(errors, null, null);
        }

        var schemaErrors = new List<SchemaError>();
        catalogue.EnvelopeSchema.Validate(evt, "", schemaErrors);
        var warnings = new List<ValidationError>();
        var version = ResolveVersion(feed, evt, rules.Today, schemaErrors, errors, warnings);
        if (version is not null && evt.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            version.Schema.Validate(data, "/data", schemaErrors);
        }

        foreach (var e in schemaErrors)
        {
            errors.Add(new ValidationError(e.Pointer, e.Detail));
        }

        EventAttributes.Check(evt, errors);
        if (version is not null && evt.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
            && !feed.Sources.Contains(source.GetString()!, StringComparer.Ordinal) && !HasErrorAt(errors, "/source"))
        {
            var listed = feed.Sources.Count == 0 ? "none" : string.Join(", ", feed.Sources);
            errors.Add(new ValidationError("/source", $"source '{source.GetString()}' is not a source of feed '{feed.Id}' (its feed.json lists: {listed})"));
        }

        var adminCodes = adminUnits.CurrentVersion;
        if (evt.TryGetProperty("admincodes", out var requested) && requested.ValueKind == JsonValueKind.String)
        {
            adminCodes = requested.GetString()!;
            if (!adminUnits.HasVersion(adminCodes) && !HasErrorAt(errors, "/admincodes"))
            {
                errors.Add(new ValidationError("/admincodes",
                    $"unknown administrative-unit list version '{adminCodes}'; known: {string.Join(", ", adminUnits.Versions)}"));
            }
        }

        rules.Evaluate(catalogue.EnvelopeRules, evt, adminCodes, errors);
        string? subject = null;
        if (version is not null)
        {
            rules.Evaluate(version.Rules, evt, adminCodes, errors);
            subject = EntityKey(feed, evt);
            if (subject is not null && evt.TryGetProperty("subject", out var given) && given.ValueKind == JsonValueKind.String
                && given.GetString() != subject && !HasErrorAt(errors, "/subject"))
            {
                errors.Add(new ValidationError("/subject", $"must be the entity key '{subject}' (from {string.Join(", ", feed.EntityKey)}) or absent"));
            }
        }

        // The schema's date-time format and this parser are one and the same, so a valid event always has its instant;
        // the check stays, so that a disagreement would be a rejection, never a default time.
        DateTimeOffset? time = null;
        if (errors.Count == 0)
        {
            if (evt.TryGetProperty("time", out var timeElement) && timeElement.ValueKind == JsonValueKind.String
                && Rfc3339.TryParseDateTime(timeElement.GetString()!, out var instant))
            {
                time = instant;
            }
            else
            {
                errors.Add(new ValidationError("/time", "must be an RFC 3339 date-time with a time-zone offset"));
            }
        }

        return errors.Count == 0 ? new RecordCheck(errors, version, subject, time) { Warnings = warnings } : new RecordCheck(errors, null, null) { Warnings = warnings };
    }

    /// <summary>The entity key: the values of the feed's key fields, joined with '-'; numbers in their canonical spelling.</summary>
    public static string? EntityKey(FeedDefinition feed, JsonElement evt)
    {
        if (!evt.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var field in feed.EntityKey)
        {
            if (!data.TryGetProperty(field, out var value))
            {
                return null;
            }

            if (builder.Length > 0)
            {
                builder.Append('-');
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    builder.Append(value.GetString());
                    break;
                case JsonValueKind.Number:
                    builder.Append(CanonicalNumber.Of(value.GetRawText()));
                    break;
                default:
                    return null;
            }
        }

        return builder.ToString();
    }

    private static FeedVersion? ResolveVersion(FeedDefinition feed, JsonElement evt, DateOnly today, List<SchemaError> schemaErrors,
        List<ValidationError> errors, List<ValidationError> warnings)
    {
        if (!evt.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var type = typeElement.GetString()!;
        var marker = type.LastIndexOf(".v", StringComparison.Ordinal);
        var alreadyReported = schemaErrors.Exists(e => e.Pointer == "/type");
        if (marker <= 0 || !int.TryParse(type.AsSpan(marker + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            if (!alreadyReported)
            {
                errors.Add(new ValidationError("/type", $"must be '{feed.Id}.v<major>' (e.g. {feed.Id}.v1)"));
            }

            return null;
        }

        var feedId = type[..marker];
        if (feedId != feed.Id)
        {
            errors.Add(new ValidationError("/type", $"type '{type}' belongs to feed '{feedId}', but the event was posted to feed '{feed.Id}'"));
            return null;
        }

        var version = feed.FindVersion(major);
        if (version is null || !version.AcceptsEvents)
        {
            var supported = string.Join(", ", feed.Versions.Where(v => v.AcceptsEvents).Select(v => $"v{v.Major}"));
            errors.Add(new ValidationError("/type", $"major version v{major} of feed '{feed.Id}' is not accepted; supported: {supported}"));
            return null;
        }

        var successors = string.Join(", ", feed.Versions.Where(v => v.Major > major && v.AcceptsEventsOn(today)).Select(v => $"{feed.Id}.v{v.Major}"));
        var advice = successors.Length > 0 ? $"; send {successors}" : "";
        if (!version.AcceptsEventsOn(today))
        {
            errors.Add(new ValidationError("/type", $"major version v{major} of feed '{feed.Id}' reached its sunset on {version.Sunset:yyyy-MM-dd} and is no longer accepted{advice}"));
            return null;
        }

        if (version.IsDeprecated)
        {
            warnings.Add(new ValidationError("/type", version.Sunset is { } sunset
                ? $"major version v{major} of feed '{feed.Id}' is deprecated and accepted until {sunset.AddDays(-1):yyyy-MM-dd}; from {sunset:yyyy-MM-dd} (its sunset) it is rejected{advice}"
                : $"major version v{major} of feed '{feed.Id}' is deprecated{advice}"));
        }

        return version;
    }

    private static bool HasErrorAt(List<ValidationError> errors, string pointer) => errors.Exists(e => e.Pointer == pointer);
}
