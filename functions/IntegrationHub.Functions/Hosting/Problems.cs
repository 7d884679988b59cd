using System.Text.Json;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace IntegrationHub.Functions.Hosting;

/// <summary>RFC 9457 problem details, written in one place for every refusal the hub makes.</summary>
public static partial class Problems
{
    public const string ContentType = "application/problem+json";

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

    public static IResult StorageUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "10";
        return Result(503, "storage-unavailable", "Storage unavailable",
            "The hub cannot reach its storage, so it cannot make records durable. Nothing in this request was acknowledged; retry after the delay in Retry-After.");
    }

    /// <summary>Maps what escapes an endpoint: storage outages to 503, Kestrel's request errors to their 4xx, the rest to a bare 500.</summary>
    public static WebApplication UseHubProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var result = error switch
            {
                StorageUnavailableException => StorageUnavailable(context),
                BadHttpRequestException bad => Result(bad.StatusCode, "bad-request", "Bad request", bad.StatusCode switch
                {
                    413 => "The request body is larger than the hub accepts.",
                    408 => "The request body arrived too slowly.",
                    _ => "The request could not be read.",
                }),
                _ => Result(500, "internal-error", "Internal error", "The hub failed to handle this request; the error is logged with its trace id."),
            };
            if (error is not StorageUnavailableException and not BadHttpRequestException)
            {
                LogUnhandled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Errors"), error?.GetType().Name ?? "unknown", context.TraceIdentifier);
            }

            await result.ExecuteAsync(context);
        }));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {Error} in request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, string error, string traceId);
}
