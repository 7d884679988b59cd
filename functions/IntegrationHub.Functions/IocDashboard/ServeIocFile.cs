using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.IocDashboard;

/// <summary>
/// <c>GET /ioc/{*path}</c>: the dashboard page's static files (deployed beside the app in <c>wwwroot/ioc</c>), anonymous because
/// they hold no data; the page reads the query API with a token. <c>/ioc</c> redirects to <c>/ioc/</c> so that the page's
/// relative links resolve. Other methods under <c>/ioc</c> need a token like any other request, then get 405.
/// </summary>
[HubPolicy(HubPolicies.Caller)]
public sealed class ServeIocFile(HubRequestPipeline pipeline, IocDashboardFiles files, IocOptions options)
{
    public const string Route = "ioc/{*path}";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    [Function(nameof(ServeIocFile))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<ServeIocFile>(request, context => Task.FromResult(Serve(context.Request)));

    private IResult Serve(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return Problems.MethodNotAllowed("GET, HEAD");
        }

        if (!request.Path.HasValue || !request.Path.Value.StartsWith(HubCallerRequirement.IocPath + "/", StringComparison.Ordinal))
        {
            return Results.Redirect(HubCallerRequirement.IocPath + "/" + request.QueryString, permanent: true);
        }

        // From the path itself, not a route value: the file provider refuses anything that leaves the dashboard's folder.
        var path = request.Path.Value[(HubCallerRequirement.IocPath.Length + 1)..];
        var name = string.IsNullOrEmpty(path) || path.EndsWith('/') ? (path ?? "") + "index.html" : path;
        var file = files.Provider.GetFileInfo(name);
        if (!file.Exists || file.IsDirectory)
        {
            return Problems.Result(404, "not-found", "Not found", "The dashboard has no such file.");
        }

        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = IocContentSecurityPolicy.For(options.Dashboard);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var contentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        return Results.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified);
    }
}
