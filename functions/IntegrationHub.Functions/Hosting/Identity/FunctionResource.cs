namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// What a policy authorizes: the request and the feed its function was invoked for. The feed comes from the function's own
/// route parameter, not from ASP.NET Core routing, which does not run for functions under the Functions host.
/// </summary>
public sealed record FunctionResource(HttpContext HttpContext, string? FeedId);
