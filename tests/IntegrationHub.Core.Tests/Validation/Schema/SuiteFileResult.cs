namespace IntegrationHub.Core.Tests.Validation.Schema;

/// <summary>The outcome of one JSON Schema Test Suite file against the profile validator.</summary>
internal sealed record SuiteFileResult(
    string File,
    int InProfileGroups,
    int Cases,
    int Passed,
    IReadOnlyList<OutOfProfileGroup> OutOfProfileGroups,
    IReadOnlyList<string> Failures);
