using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// Records the requests of the read and admin functions in the audit trail. A read of snapshots or history goes to the
/// trail's buffer before its answer goes out; when the buffer is full
/// the read is refused (503), so no read is ever served unrecorded.
/// </summary>
public sealed class RequestAudit(AuditTrail audit, TimeProvider clock)
{
    /// <returns>Null when the read is recorded; the 503 to answer instead when it could not be.</returns>
    public IResult? Refused(HttpContext context, string kind, string? feedId, int rows, JsonObject scope) =>
        audit.TryRecordRead(AuditEntries.Read(kind, context.Sender(), feedId, clock.GetUtcNow(), rows, scope))
            ? null
            : AuditProblems.ReadRefused(context);

    /// <summary>An admin action, recorded durably before its answer goes out.</summary>
    /// <exception cref="AuditUnavailableException">The record could not be made durable (the request path answers 503).</exception>
    public Task RecordAdminAsync(HttpContext context, string kind, string topic, string subscription, IEnumerable<string> messageIds,
        JsonObject? outcome = null) =>
        audit.RecordAsync(AuditEntries.Admin(kind, context.Sender(), clock.GetUtcNow(), topic, subscription, messageIds, outcome), context.RequestAborted);
}
