using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>hubdev ndxp-sink</c>: a stand-in for the national NDXP endpoint on a loopback port (Kestrel). It takes CloudEvents in
/// structured mode at <c>POST /events</c> and records them by <c>Idempotency-Key</c>; with a client id it also serves a
/// client-credentials token endpoint (<c>POST /token</c>) and requires its tokens. Control endpoints (header
/// <c>X-Sink-Key</c>): <c>POST /control/fail</c> <c>{"status":500,"count":3,"retryAfterSeconds":1}</c>,
/// <c>POST /control/slow</c> <c>{"delayMs":8000,"count":1}</c>, <c>POST /control/revoke-tokens</c>,
/// <c>POST /control/reset</c>, <c>GET /control/received</c>. <c>GET /health</c> is open.
/// </summary>
internal static class NdxpSinkCommand
{
    public const string ControlKeyHeader = "X-Sink-Key";

    public static async Task<int> RunAsync(NdxpSinkOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        await using var app = builder.Build();
        var state = new NdxpSinkState();
        Map(app, state, options);
        await app.StartAsync(cancellationToken);
        Console.WriteLine($"ndxp-sink listening on {app.Urls.First()}");
        Console.WriteLine($"  events  POST {app.Urls.First()}/events   (Idempotency-Key header, application/cloudevents+json)");
        if (options.ClientId is not null)
        {
            Console.WriteLine($"  token   POST {app.Urls.First()}/token    (client_credentials, client id {options.ClientId}, secret {options.ClientSecret})");
        }

        Console.WriteLine($"  control {app.Urls.First()}/control/...   (header {ControlKeyHeader}: {options.ControlKey})");
        await Console.Out.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or the parent stopping: stop listening.
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static void Map(WebApplication app, NdxpSinkState state, NdxpSinkOptions options)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapPost("/events", Task<IResult> (HttpContext context) => ReceiveAsync(context, state, options));
        app.MapPost("/token", Task<IResult> (HttpContext context) => TokenAsync(context, state, options));

        var control = app.MapGroup("/control").AddEndpointFilter(async (context, next) =>
            FixedTimeEquals(context.HttpContext.Request.Headers[ControlKeyHeader].ToString(), options.ControlKey)
                ? await next(context)
                : Results.Problem(statusCode: 401, title: $"The control endpoints need the {ControlKeyHeader} header."));
        control.MapPost("/fail", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            state.Fail(root.GetProperty("status").GetInt32(), root.GetProperty("count").GetInt32(),
                root.TryGetProperty("retryAfterSeconds", out var retry) ? retry.GetInt32() : 0);
            return Results.NoContent();
        });
        control.MapPost("/slow", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            state.Slow(body.RootElement.GetProperty("delayMs").GetInt32(), body.RootElement.GetProperty("count").GetInt32());
            return Results.NoContent();
        });
        control.MapPost("/revoke-tokens", () =>
        {
            state.RevokeTokens();
            return Results.NoContent();
        });
        control.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
        control.MapGet("/received", () => Results.Json(state.Report()));
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, NdxpSinkState state, NdxpSinkOptions options)
    {
        var request = context.Request;
        if (options.ClientId is not null)
        {
            var authorization = request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !state.IsValidToken(authorization["Bearer ".Length..], DateTimeOffset.UtcNow))
            {
                state.Unauthorized();
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return Results.Problem(statusCode: 401, title: "A valid bearer token from /token is required.");
            }
        }

        var (status, retryAfter, delay) = state.Next();
        if (delay > 0)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (status is { } fault)
        {
            if (retryAfter > 0)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Problem(statusCode: fault, title: "The sink was told to answer this.");
        }

        if (request.ContentType?.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.Problem(statusCode: 415, title: "Expected application/cloudevents+json (structured mode).");
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return Results.Problem(statusCode: 400, title: "The Idempotency-Key header is missing.");
        }

        string? eventId;
        string? type;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            eventId = body.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
            type = body.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, title: "The body is not JSON.");
        }

        if (eventId is null)
        {
            return Results.Problem(statusCode: 400, title: "The CloudEvent has no id.");
        }

        return state.Accept(key, eventId, type, DateTimeOffset.UtcNow)
            ? Results.Json(new { key, duplicate = false }, statusCode: 201)
            : Results.Json(new { key, duplicate = true }, statusCode: 200);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, NdxpSinkState state, NdxpSinkOptions options)
    {
        if (options.ClientId is null || !context.Request.HasFormContentType)
        {
            return Results.Json(new { error = "invalid_request" }, statusCode: 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        }

        if (form["client_id"] != options.ClientId || !FixedTimeEquals(form["client_secret"].ToString(), options.ClientSecret ?? ""))
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var token = state.IssueToken(DateTimeOffset.UtcNow + options.TokenLifetime);
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)options.TokenLifetime.TotalSeconds });
    }

    /// <summary>A random key or secret for one run of the sink.</summary>
    public static string RandomKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
