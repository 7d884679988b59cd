namespace IntegrationHub.Core.Ingest;

/// <summary>A whole-request refusal (RFC 9457 problem details): nothing in the request was processed.</summary>
public sealed record RequestProblem(int Status, string Slug, string Title, string Detail)
{
    public string Type => "urn:lgsp:problem:" + Slug;
}
