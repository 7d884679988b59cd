namespace IntegrationHub.Functions.Tests.Infra;

/// <summary>The outcome of one Bicep CLI invocation.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
