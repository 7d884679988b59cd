using IntegrationHub.Functions.Hosting;
using Microsoft.AspNetCore.StaticFiles;

namespace IntegrationHub.Functions.GetIocDashboard;

/// <summary>
/// <c>GET /api/ioc/{*path}</c>: the dashboard's files, for the Functions host, which forwards only <c>/api</c> routes
/// (standalone, the same files are also at <c>/ioc/</c>). Anonymous: the page holds no data.
/// </summary>
public static class GetIocDashboard
{
    public const string Route = "ioc/{*path}";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, (string? path, IocDashboardFiles files, HttpContext context) =>
        {
            if (string.IsNullOrEmpty(path))
            {
                // The page's links are relative: it must be addressed as a folder.
                if (!context.Request.Path.Value!.EndsWith('/'))
                {
                    return Results.Redirect(context.Request.PathBase + context.Request.Path + "/");
                }

                path = "index.html";
            }

            var file = files.Provider.GetFileInfo(path);
            if (!file.Exists || file.IsDirectory || path.Contains("..", StringComparison.Ordinal))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-cache";
            return Results.File(file.CreateReadStream(), ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream");
        }).AllowAnonymous().WithName(nameof(GetIocDashboard));
}
