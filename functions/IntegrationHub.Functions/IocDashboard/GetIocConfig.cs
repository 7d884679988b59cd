using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.IocDashboard;

/// <summary><c>GET /ioc/config.json</c>: how the dashboard gets a token (nothing secret), anonymous like the page.</summary>
[HubPolicy(HubPolicies.Anonymous)]
public sealed class GetIocConfig(HubRequestPipeline pipeline)
{
    public const string Route = "ioc/config.json";

    [Function(nameof(GetIocConfig))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetIocConfig>(request, context => Task.FromResult(IocDashboardSettings.Config(context)));
}
