using System.Text.Json.Serialization;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Ingest;

/// <summary>The outcome for one event of a request, in request order.</summary>
public sealed record EventResult(int Index, string? Id, string Status, IReadOnlyList<ValidationError> Errors)
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";

    /// <summary>Notices that did not reject the event (a deprecated major before its sunset); absent when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ValidationError>? Warnings { get; init; }
}
