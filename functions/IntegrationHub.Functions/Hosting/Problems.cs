using System.Globalization;
using System.Text.Json;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// RFC 9457 problem details, written in one place for every refusal the hub makes. Exceptions that escape a function are
/// mapped by <see cref="HubRequestPipeline"/> with these same methods; functions never catch them to build answers of their own.
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>Seconds a caller waits before retrying after a 503.</summary>
    public const int RetryAfterSeconds = 10;

    // Relaxed escaping: these are JSON API answers, never HTML, and Vietnamese text should stay readable.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Result(RequestProblem problem, IDictionary<string, object?>? extensions = null) =>
        Result(problem.Status, problem.Slug, problem.Title, problem.Detail, extensions);

    public static IResult Result(int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = "urn:lgsp:problem:" + slug,
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                body[key] = value;
            }
        }

        return Results.Json(body, Json, ContentType, status);
    }

    /// <summary>The 404 of every function that takes a <c>{feedId}</c> the catalogue does not have.</summary>
    public static IResult UnknownFeed(string feedId) =>
        Result(404, "unknown-feed", "Unknown feed", $"There is no feed '{feedId}' in the catalogue. GET /api/feeds lists the feeds.");

    public static IResult StorageUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Result(503, "storage-unavailable", "Storage unavailable",
            "The hub cannot reach its storage, so it cannot make records durable. Nothing in this request was acknowledged; retry after the delay in Retry-After.");
    }

    public static IResult BrokerUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Result(503, "broker-unavailable", "Broker unavailable", "The hub cannot reach the message broker; nothing was changed. Retry after the delay in Retry-After.");
    }

    public static IResult BodyTooLarge(long maxBytes) =>
        Result(413, "body-too-large", "Body too large", $"The request body exceeds the limit of {maxBytes} bytes. Send smaller batches.");

    /// <summary>The 403 of a token that lacks an app role; names the roles.</summary>
    public static IResult MissingRoles(IReadOnlyList<string> roles)
    {
        var detail = roles.Count switch
        {
            0 => "The calling application is not allowed to use this endpoint.",
            1 => $"The calling application lacks the app role '{roles[0]}', which this request requires. An administrator of the hub's API registration grants it (docs/identity.md).",
            _ => $"The calling application lacks the app roles {string.Join(", ", roles.Select(r => $"'{r}'"))}, which this request requires.",
        };
        return Result(StatusCodes.Status403Forbidden, "missing-role", "Forbidden", detail, new Dictionary<string, object?> { ["missingRoles"] = roles });
    }

    /// <summary>The 429 of a calling application over its rate or concurrency limit.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string limit)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Result(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
            $"The calling application is over its {limit} limit. Nothing in this request was processed; retry after the delay in Retry-After.",
            new Dictionary<string, object?> { ["limit"] = limit });
    }

    /// <summary>A request Kestrel could not read: body over Kestrel's limit, a body that arrived too slowly, a malformed request.</summary>
    public static IResult BadRequest(BadHttpRequestException error) =>
        Result(error.StatusCode, "bad-request", "Bad request", error.StatusCode switch
        {
            413 => "The request body is larger than the hub accepts.",
            408 => "The request body arrived too slowly.",
            _ => "The request could not be read.",
        });

    public static IResult InternalError() =>
        Result(500, "internal-error", "Internal error", "The hub failed to handle this request; the error is logged with its trace id.");

    public static IResult MethodNotAllowed(string allowed)
    {
        return new AllowResult(allowed, Result(405, "method-not-allowed", "Method not allowed", $"This path accepts {allowed} only."));
    }

    private sealed class AllowResult(string allowed, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Allow = allowed;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
