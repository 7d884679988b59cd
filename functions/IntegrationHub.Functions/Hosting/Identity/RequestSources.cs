using System.Text.Json;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The whole-request source check of ingest. A request none of whose sources is registered for the caller comes from the
/// wrong department (or a misconfigured grant): it is refused with 403 before any processing. A batch that mixes registered
/// and unregistered sources goes on, and each spoofed record is rejected at <c>/source</c> by the pipeline.
/// </summary>
public static class RequestSources
{
    /// <returns>The 403 to answer, or null when at least one source is registered for the caller (or no event names one).</returns>
    public static IResult? RefuseIfNoneRegistered(HttpContext context, ParsedRequest request)
    {
        var sources = request.Events
            .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String)
            .Select(e => e.GetProperty("source").GetString()!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (sources.Length == 0)
        {
            return null;
        }

        var policy = context.RequestServices.GetRequiredService<ISourcePolicy>();
        var sender = context.Sender();
        var refusals = new List<string>();
        foreach (var source in sources)
        {
            if (policy.Check(sender, source) is not { } refusal)
            {
                return null;
            }

            refusals.Add(refusal);
        }

        var detail = refusals.Count == 1
            ? $"The request's {refusals[0]}."
            : $"None of the request's {refusals.Count} sources is registered for the calling application: {string.Join("; ", refusals)}.";
        return Problems.Result(StatusCodes.Status403Forbidden, "source-not-registered", "Source not registered", detail,
            new Dictionary<string, object?> { ["refusedSources"] = sources, ["senderApp"] = sender.AppId });
    }
}
