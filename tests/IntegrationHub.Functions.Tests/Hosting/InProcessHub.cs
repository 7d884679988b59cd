using IntegrationHub.Functions.Hosting;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Functions.Tests.Hosting;

/// <summary>
/// The real hub as the local runner serves it (<see cref="HubApplication.Build"/>, what Program.cs runs outside the Functions
/// host: the same function classes, service composition and configuration binding), on Kestrel at a free loopback port and
/// configured by command-line arguments.
/// </summary>
public sealed class InProcessHub : IAsyncDisposable
{
    private InProcessHub(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri Address => new(App.Urls.Single());

    public IServiceProvider Services => App.Services;

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <exception cref="Exception">Whatever the app throws while starting (e.g. a refused configuration).</exception>
    public static async Task<InProcessHub> StartAsync(string environment, IReadOnlyDictionary<string, string> settings, Action<WebApplicationBuilder>? configure = null)
    {
        string[] args =
        [
            $"--environment={environment}",
            $"--contentRoot={AppContext.BaseDirectory}",
            "--urls=http://127.0.0.1:0",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];
        var app = HubApplication.Build(args, configure);
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
