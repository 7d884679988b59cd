namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The media types an HTTP function answers 200 with when it is not JSON (a file download): the OpenAPI document lists them
/// instead of <c>application/json</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ResponseMediaTypesAttribute(params string[] mediaTypes) : Attribute
{
    public IReadOnlyList<string> MediaTypes { get; } = mediaTypes;
}
