using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.Hosting.Runner;

/// <summary>
/// Invokes a function as the worker does: an instance of its class from DI (<see cref="ActivatorUtilities"/>, like the worker's
/// default activator), its trigger argument, route values for its other string parameters and a cancellation token.
/// </summary>
public static class FunctionInvoker
{
    /// <exception cref="InvalidOperationException">A parameter the runner cannot bind; checked when the routes are mapped.</exception>
    public static void EnsureBindable(FunctionDescriptor function)
    {
        foreach (var parameter in function.Method.GetParameters())
        {
            var type = parameter.ParameterType;
            var bindable = function.IsHttp
                ? type == typeof(HttpRequest) || type == typeof(CancellationToken) || type == typeof(string)
                : type == typeof(TimerInfo) || type == typeof(CancellationToken);
            if (!bindable)
            {
                throw new InvalidOperationException($"Function {function.Name}: the local runner cannot bind parameter '{parameter.Name}' of type {type.Name}.");
            }
        }
    }

    public static async Task InvokeHttpAsync(FunctionDescriptor function, HttpContext context)
    {
        var arguments = function.Method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            _ => (object?)(context.GetRouteValue(p.Name!) as string),
        }).ToArray();
        var instance = ActivatorUtilities.CreateInstance(context.RequestServices, function.Class);
        var result = await Call<Task<IResult>>(function, instance, arguments);
        await result.ExecuteAsync(context);
    }

    public static async Task InvokeTimerAsync(FunctionDescriptor function, IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var arguments = function.Method.GetParameters()
            .Select(p => p.ParameterType == typeof(TimerInfo) ? timer : (object)cancellationToken)
            .ToArray();
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Class);
        await Call<Task>(function, instance, arguments);
    }

    /// <summary>Runs the timer function named <paramref name="name"/> once, now; for tests and tools.</summary>
    public static Task InvokeTimerAsync(string name, IServiceProvider services, CancellationToken cancellationToken) =>
        InvokeTimerAsync(FunctionCatalog.Functions.Single(f => f.IsTimer && f.Name == name), services, new TimerInfo(), cancellationToken);

    private static T Call<T>(FunctionDescriptor function, object instance, object?[] arguments)
        where T : Task
    {
        try
        {
            return (T)function.Method.Invoke(function.Method.IsStatic ? null : instance, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
