namespace IntegrationHub.Core.Tests.Validation.Schema;

/// <summary>A suite group whose schema uses keywords outside the profile (listed, not counted).</summary>
internal sealed record OutOfProfileGroup(string Description, IReadOnlyList<string> KeywordPointers);
