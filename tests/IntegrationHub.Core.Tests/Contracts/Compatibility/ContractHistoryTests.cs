using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Contracts.Compatibility;

/// <summary>The CI gate: no released version of a contract major is ever changed incompatibly.</summary>
public sealed class ContractHistoryTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "contract-history-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void No_major_of_any_contract_was_changed_incompatibly_in_the_history_of_contracts()
    {
        var breaks = ContractHistory.FindBreakingChanges(RepoPaths.Root, out var compared);

        Assert.True(compared > 0, "no contract version was compared: is contracts/ in the git history?");
        Assert.True(breaks.Count == 0, "Backward-incompatible contract changes (publish a new major instead):\n" + string.Join("\n", breaks));
    }

    [Fact]
    public void The_walk_finds_a_breaking_commit_and_lets_a_new_major_through()
    {
        Directory.CreateDirectory(Path.Combine(_scratch, "contracts", "x.feed"));
        ContractHistory.Git(_scratch, "init", "-q", "-b", "main");
        Write("v1.schema.json", """{"type":"object","properties":{"a":{"type":"integer","maximum":10}}}""");
        Write("v1.rules.json", """{"rules":[]}""");
        Commit("first release");
        Write("v1.schema.json", """{"type":"object","properties":{"a":{"type":"integer","maximum":100}}}""");
        Commit("loosened: compatible");
        Write("v1.schema.json", """{"type":"object","required":["a"],"properties":{"a":{"type":"integer","maximum":100}}}""");
        Commit("breaking");
        Write("v2.schema.json", """{"type":"object","required":["a","b"],"properties":{"a":{"type":"integer"},"b":{"type":"string"}}}""");
        Write("v2.rules.json", """{"rules":[]}""");
        Commit("a new major");
        Write("v1.rules.json", """{"rules":[{"assert":"notAfterNow","field":"/data/a"}]}""");

        var breaks = ContractHistory.FindBreakingChanges(_scratch, out var compared);

        Assert.Equal(3, compared);
        Assert.Equal(2, breaks.Count);
        Assert.Contains("contracts/x.feed/v1.schema.json", breaks[0], StringComparison.Ordinal);
        Assert.Contains("/required: required-added: 'a' is now required", breaks[0], StringComparison.Ordinal);
        Assert.Contains("working tree", breaks[1], StringComparison.Ordinal);
        Assert.Contains("rules/0: rule-added", breaks[1], StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            foreach (var file in Directory.GetFiles(_scratch, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(_scratch, recursive: true);
        }
    }

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(_scratch, "contracts", "x.feed", name), json);

    private void Commit(string message)
    {
        ContractHistory.Git(_scratch, "add", "-A");
        ContractHistory.Git(_scratch, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message);
    }
}
