namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The authorization policy (one of <see cref="HubPolicies"/>) of an HTTP function. The one declaration of who may call it:
/// <see cref="HubRequestPipeline"/> enforces it, and the OpenAPI document reads its security requirement from it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HubPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
