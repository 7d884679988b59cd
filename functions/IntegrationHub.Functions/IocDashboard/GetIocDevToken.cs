using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.IocDashboard;

/// <summary>
/// <c>GET /ioc/dev-token</c>: a short-lived reader token for the dashboard, only while the development issuer is enabled
/// (Development, local runner) and only for a caller on the same machine; 404 otherwise.
/// </summary>
[HubPolicy(HubPolicies.Anonymous)]
public sealed class GetIocDevToken(HubRequestPipeline pipeline)
{
    public const string Route = "ioc/dev-token";

    [Function(nameof(GetIocDevToken))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetIocDevToken>(request, context => Task.FromResult(IocDashboardSettings.DevTokenAvailable(context)
            ? IocDashboardSettings.DevToken(context)
            : Problems.Result(404, "not-found", "Not found", "There is no development token: the development issuer is not enabled.")));
}
