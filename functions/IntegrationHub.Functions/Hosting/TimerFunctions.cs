using System.Text.Json;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The app's timer functions by name. The Functions host invokes one as <c>POST /&lt;Name&gt;</c> with the
/// custom-handler payload; standalone, <see cref="TimerScheduler"/> invokes the same handler on the schedule of its
/// function.json, so the schedule has one source of truth.
/// </summary>
public sealed class TimerFunctions
{
    private readonly Dictionary<string, Func<IServiceProvider, CancellationToken, Task<string>>> _handlers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _handlers.Keys;

    public void Add(string name, Func<IServiceProvider, CancellationToken, Task<string>> handler) => _handlers.Add(name, handler);

    public Task<string> InvokeAsync(string name, IServiceProvider services, CancellationToken cancellationToken) =>
        _handlers[name](services, cancellationToken);

    /// <summary>The NCRONTAB schedule written in <c>&lt;Name&gt;/function.json</c> beside the executable.</summary>
    public static string ReadSchedule(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name, "function.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
        {
            if (binding.GetProperty("type").GetString() == "timerTrigger")
            {
                return binding.GetProperty("schedule").GetString()!;
            }
        }

        throw new InvalidDataException($"{path} has no timerTrigger binding.");
    }
}
