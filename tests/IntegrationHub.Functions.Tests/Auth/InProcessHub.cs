using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// The real hub, started through Program's own entry point (the same Program.cs, middleware and configuration binding as in
/// production) on Kestrel at a free loopback port, configured by command-line arguments. The host is captured through the
/// hosting diagnostic events, the same mechanism test servers use, to read the bound address and the endpoint table.
/// </summary>
internal sealed class InProcessHub : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // The hosting diagnostic events are process-wide: one hub starts at a time, so each start sees its own host.
    private static readonly SemaphoreSlim OneStartAtATime = new(1, 1);

    private readonly IHost _host;
    private readonly Task _run;

    private InProcessHub(IHost host, Task run, Uri address)
    {
        _host = host;
        _run = run;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _host.Services;

    /// <exception cref="Exception">Whatever the app throws while starting, unwrapped (e.g. a refused configuration).</exception>
    public static async Task<InProcessHub> StartAsync(string environment, IReadOnlyDictionary<string, string> settings)
    {
        string[] args =
        [
            $"--environment={environment}",
            $"--contentRoot={AppContext.BaseDirectory}",
            "--applicationName=IntegrationHub.Functions",
            "--urls=http://127.0.0.1:0",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];

        await OneStartAtATime.WaitAsync();
        try
        {
            var built = new TaskCompletionSource<IHost>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var listener = new HostBuiltListener(built);
            using var subscription = DiagnosticListener.AllListeners.Subscribe(listener);
            var run = Task.Factory.StartNew(() => RunEntryPoint(args), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            await FirstOfAsync(built.Task, run, "the host to be built");
            var host = await built.Task;
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult());
            await FirstOfAsync(started.Task, run, "the app to start");

            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new InProcessHub(host, run, new Uri(addresses.Single()));
        }
        finally
        {
            OneStartAtATime.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task FirstOfAsync(Task awaited, Task run, string what)
    {
        var first = await Task.WhenAny(awaited, run, Task.Delay(StartTimeout));
        if (first == run)
        {
            await run;
            throw new InvalidOperationException($"The hub exited before {what}.");
        }

        if (first != awaited)
        {
            throw new TimeoutException($"The hub did not get to {what} within {StartTimeout.TotalSeconds} s.");
        }
    }

    private static void RunEntryPoint(string[] args)
    {
        try
        {
            typeof(Program).Assembly.EntryPoint!.Invoke(null, [args]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    private sealed class HostBuiltListener(TaskCompletionSource<IHost> built) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "HostBuilt" && value.Value is IHost host)
            {
                built.TrySetResult(host);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
