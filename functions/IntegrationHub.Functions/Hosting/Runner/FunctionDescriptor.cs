using System.Reflection;

namespace IntegrationHub.Functions.Hosting.Runner;

/// <summary>
/// One function of the app as its attributes declare it: an HTTP trigger (methods and route) or a timer trigger (NCRONTAB
/// schedule). The same attributes from which the Functions SDK writes <c>functions.metadata</c>.
/// </summary>
public sealed record FunctionDescriptor(string Name, Type Class, MethodInfo Method, IReadOnlyList<string> HttpMethods, string? Route, string? Schedule)
{
    public bool IsHttp => Route is not null;

    public bool IsTimer => Schedule is not null;
}
