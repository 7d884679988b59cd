using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Reports;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetReportFile;

/// <summary>
/// <c>GET /api/reports/{id}/{file}</c>: one file of a stored report, <c>report.html</c> or <c>report.csv</c>, as a download. The
/// page is served with a Content-Security-Policy that allows its own style block and inline images only: no script, nothing loaded.
/// </summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
[ResponseMediaTypes("text/html", "text/csv")]
public sealed class GetReportFile(HubRequestPipeline pipeline, IReportStore store, RequestAudit? audit = null)
{
    public const string Route = "api/reports/{id}/{file}";

    /// <summary>The policy of a report page: its one style block (by hash) and data images; no script, frame, form or base.</summary>
    public static readonly string HtmlContentSecurityPolicy =
        $"default-src 'none'; style-src {ReportHtml.StyleHash}; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

    [Function(nameof(GetReportFile))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string id, string file) =>
        pipeline.RunAsync<GetReportFile>(request, context => HandleAsync(context, id, file, context.RequestAborted));

    private async Task<IResult> HandleAsync(HttpContext context, string id, string file, CancellationToken cancellationToken)
    {
        var content = ReportFile.IsReportId(id) && ReportFile.IsKnown(file) ? await store.ReadAsync(id, file, cancellationToken) : null;
        if (audit?.Refused(context, AuditEntry.ReportRead, null, content is null ? 0 : 1, new JsonObject { ["id"] = id, ["file"] = file }) is { } refused)
        {
            return refused;
        }

        if (content is null)
        {
            return Problems.Result(404, "unknown-report", "No such report file",
                $"There is no file '{file}' of a report '{id}'. GET /api/reports lists the reports; their files are {ReportFile.Html} and {ReportFile.Csv}.");
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        headers.ContentDisposition = $"attachment; filename=\"{id}{Path.GetExtension(file)}\"";
        if (file == ReportFile.Html)
        {
            headers.ContentSecurityPolicy = HtmlContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }

        return Results.Bytes(content, ReportFile.MediaType(file) + "; charset=utf-8");
    }
}
