using System.Globalization;

namespace IntegrationHub.Functions.Hosting;

/// <summary>The 503s of the audit trail: a request the hub could not record is not answered as done.</summary>
public static class AuditProblems
{
    private const int RetryAfterSeconds = 5;

    /// <summary>An ingest, admin or purge record could not be made durable.</summary>
    public static IResult Unrecorded(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(503, "audit-unavailable", "Audit trail unavailable",
            "The hub could not make this request's audit record durable, so it does not acknowledge the request. Accepted events may " +
            "already be stored: retry the same request after the delay in Retry-After (it is idempotent; its events then come back as duplicates and the request is recorded).");
    }

    /// <summary>A read found the audit buffer full: reads are refused rather than left unrecorded.</summary>
    public static IResult ReadRefused(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Result(503, "audit-buffer-full", "Audit buffer full",
            "Every read is recorded in the audit trail, and the buffer of reads waiting to be recorded is full; this read is refused rather than " +
            "served unrecorded. Retry after the delay in Retry-After.");
    }
}
