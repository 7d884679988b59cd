using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// The outcome of validating one event: its errors, and when valid, its contract version, entity key and <c>time</c> as an
/// instant (a valid event always has one; the pipeline never parses it again).
/// </summary>
public sealed record RecordCheck(IReadOnlyList<ValidationError> Errors, FeedVersion? Version, string? Subject, DateTimeOffset? Time = null)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Notices that do not reject the event, e.g. its major is deprecated and has a sunset date.</summary>
    public IReadOnlyList<ValidationError> Warnings { get; init; } = [];
}
