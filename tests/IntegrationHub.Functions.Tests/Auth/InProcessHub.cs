using IntegrationHub.Functions.Hosting;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// The real hub, built by the same <see cref="HubApplication"/> that Program.cs runs (same middleware, same configuration
/// binding), on Kestrel at a free loopback port and configured by command-line arguments.
/// </summary>
internal sealed class InProcessHub : IAsyncDisposable
{
    private InProcessHub(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri Address => new(App.Urls.Single());

    public IServiceProvider Services => App.Services;

    /// <exception cref="Exception">Whatever the app throws while starting (e.g. a refused configuration).</exception>
    public static async Task<InProcessHub> StartAsync(string environment, IReadOnlyDictionary<string, string> settings)
    {
        string[] args =
        [
            $"--environment={environment}",
            $"--contentRoot={AppContext.BaseDirectory}",
            "--urls=http://127.0.0.1:0",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];
        var app = HubApplication.Build(args);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new InProcessHub(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
