using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.Functions.Hosting.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The request path every HTTP function goes through, inside the function itself: authentication (Entra ID bearer), the
/// function's authorization policy, the caller's rate and concurrency limits, then the function's work, with every exception
/// that escapes it mapped to a problem. Being inside the function, it runs identically under the Functions host (where ASP.NET
/// Core middleware of our own does not run) and under the local runner.
/// </summary>
public sealed partial class HubRequestPipeline(
    IAuthorizationPolicyProvider policies,
    IPolicyEvaluator evaluator,
    CallerRateLimiter limiter,
    ILogger<HubRequestPipeline> logger)
{
    /// <summary>Runs <paramref name="handler"/> for the HTTP function <typeparamref name="TFunction"/>, under the policy its <see cref="HubPolicyAttribute"/> declares.</summary>
    /// <param name="feedId">The feed the function was invoked for, when its route has one (the publish policy checks it).</param>
    public Task<IResult> RunAsync<TFunction>(HttpRequest request, Func<HttpContext, Task<IResult>> handler, string? feedId = null) =>
        RunAsync(request, PolicyOf(typeof(TFunction)), handler, feedId);

    /// <summary>The policy an HTTP function class declares.</summary>
    /// <exception cref="InvalidOperationException">The class has no <see cref="HubPolicyAttribute"/>.</exception>
    public static string PolicyOf(Type function) =>
        function.GetCustomAttributes(typeof(HubPolicyAttribute), inherit: false).OfType<HubPolicyAttribute>().SingleOrDefault()?.Policy
        ?? throw new InvalidOperationException($"HTTP function {function.Name} declares no [HubPolicy].");

    private async Task<IResult> RunAsync(HttpRequest request, string policy, Func<HttpContext, Task<IResult>> handler, string? feedId)
    {
        var context = request.HttpContext;
        try
        {
            var authentication = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (authentication.Succeeded)
            {
                context.User = authentication.Principal;
            }

            if (policy != HubPolicies.Anonymous)
            {
                var authorizationPolicy = await policies.GetPolicyAsync(policy)
                    ?? throw new InvalidOperationException($"No authorization policy '{policy}' is registered.");
                var result = await evaluator.AuthorizeAsync(authorizationPolicy, authentication, context, new FunctionResource(context, feedId));
                if (result.Challenged)
                {
                    // The bearer handler writes the 401 (BearerChallenge), with the reason the token was refused.
                    return Results.Challenge(authenticationSchemes: [JwtBearerDefaults.AuthenticationScheme]);
                }

                if (result.Forbidden)
                {
                    var roles = result.AuthorizationFailure?.FailureReasons.OfType<MissingRoleReason>().Select(r => r.Role).Distinct(StringComparer.Ordinal).ToArray() ?? [];
                    return Problems.MissingRoles(roles);
                }
            }

            IDisposable? lease = null;
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var (acquired, limit, retryAfter) = limiter.TryAcquire(context.Sender().AppId);
                if (acquired is null)
                {
                    LogLimited(logger, context.Sender().AppId, limit!);
                    return Problems.TooManyRequests(context, retryAfter, limit!);
                }

                lease = acquired;
            }

            using (lease)
            {
                return await handler(context);
            }
        }
        catch (StorageUnavailableException)
        {
            return Problems.StorageUnavailable(context);
        }
        catch (AuditUnavailableException)
        {
            return AuditProblems.Unrecorded(context);
        }
        catch (BrokerUnavailableException)
        {
            return Problems.BrokerUnavailable(context);
        }
        catch (BadHttpRequestException e)
        {
            // The client's fault (a body that arrived too slowly, a malformed request): a warning, not an error of the hub.
            LogBadRequest(logger, e.StatusCode, context.TraceIdentifier);
            return Problems.BadRequest(e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads the answer.
            return Results.Empty;
        }
        catch (Exception e)
        {
            // The type only: messages of parsing and storage errors may quote the records, which stay out of logs.
            LogUnhandled(logger, e.GetType().Name, context.TraceIdentifier);
            return Problems.InternalError();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {TraceId} refused with {Status}: the request could not be read")]
    private static partial void LogBadRequest(ILogger logger, int status, string traceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Application {AppId} is over its {Limit} limit")]
    private static partial void LogLimited(ILogger logger, string appId, string limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {Error} in request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, string error, string traceId);
}
