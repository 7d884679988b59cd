using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Hosting.Runner;

/// <summary>
/// The app's functions, read by reflection from their <c>[Function]</c>, <c>[HttpTrigger]</c> and <c>[TimerTrigger]</c>
/// attributes: the one source of truth for the local runner's routes and schedules, as for the SDK's functions.metadata.
/// </summary>
public static class FunctionCatalog
{
    private static readonly Lazy<IReadOnlyList<FunctionDescriptor>> All = new(() => Read(typeof(FunctionCatalog).Assembly));

    public static IReadOnlyList<FunctionDescriptor> Functions => All.Value;

    /// <exception cref="InvalidOperationException">A function's signature is one the runner cannot invoke as the worker would.</exception>
    public static IReadOnlyList<FunctionDescriptor> Read(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var parameters = method.GetParameters();
                var http = parameters.Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().SingleOrDefault();
                var timer = parameters.Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).OfType<TimerTriggerAttribute>().SingleOrDefault();
                if ((http is null) == (timer is null))
                {
                    throw new InvalidOperationException($"Function {function.Name} needs exactly one HTTP or timer trigger.");
                }

                if (http is not null && method.ReturnType != typeof(Task<IResult>))
                {
                    throw new InvalidOperationException($"HTTP function {function.Name} must return Task<IResult>.");
                }

                if (timer is not null && method.ReturnType != typeof(Task))
                {
                    throw new InvalidOperationException($"Timer function {function.Name} must return Task.");
                }

                functions.Add(new FunctionDescriptor(function.Name, type, method,
                    http?.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? [],
                    http is null ? null : http.Route ?? function.Name,
                    timer?.Schedule));
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList()
            : throw new InvalidOperationException($"Function name {duplicate.Key} is used more than once.");
    }
}
