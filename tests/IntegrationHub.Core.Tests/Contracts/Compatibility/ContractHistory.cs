using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Compatibility;

namespace IntegrationHub.Core.Tests.Contracts.Compatibility;

/// <summary>
/// Walks the git history of <c>contracts/</c> and compares every version of each major's schema (with its rules) with the
/// previous released version of the same file. "Released" is every commit on the first-parent line of the checked-out
/// branch (main in CI, where each merge is a release), plus the working tree as a candidate. A new major is a new file,
/// so it is never compared with the old major: that is the only way to publish a breaking change.
/// </summary>
internal static partial class ContractHistory
{
    public static IReadOnlyList<string> FindBreakingChanges(string repository, out int versionsCompared)
    {
        if (Git(repository, "rev-parse", "--is-shallow-repository").Trim() == "true")
        {
            throw new InvalidOperationException($"{repository} is a shallow clone: the contract history check needs the full history (git fetch --unshallow).");
        }

        var commits = Git(repository, "log", "--first-parent", "--reverse", "--format=%H", "--", "contracts")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var last = new Dictionary<string, (string Commit, string SchemaBlob, string? RulesBlob)>(StringComparer.Ordinal);
        var breaks = new List<string>();
        versionsCompared = 0;
        foreach (var commit in commits)
        {
            var blobs = Git(repository, "ls-tree", "-r", commit, "--", "contracts").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t'))
                .ToDictionary(parts => parts[1], parts => parts[0].Split(' ')[2], StringComparer.Ordinal);
            foreach (var schema in blobs.Keys.Where(IsContractSchema))
            {
                var rules = blobs.GetValueOrDefault(RulesPath(schema));
                var current = (commit, blobs[schema], rules);
                if (last.TryGetValue(schema, out var previous) && (previous.SchemaBlob != current.Item2 || previous.RulesBlob != rules))
                {
                    versionsCompared++;
                    breaks.AddRange(Compare(schema, $"{previous.Commit[..10]}", $"{commit[..10]}",
                        Show(repository, previous.SchemaBlob), previous.RulesBlob is null ? null : Show(repository, previous.RulesBlob),
                        Show(repository, current.Item2), rules is null ? null : Show(repository, rules)));
                }

                last[schema] = current;
            }
        }

        // The working tree, as the candidate for the next release.
        foreach (var (schema, previous) in last)
        {
            var file = Path.Combine(repository, schema);
            if (!File.Exists(file))
            {
                continue;
            }

            var schemaNow = File.ReadAllBytes(file);
            var rulesFile = Path.Combine(repository, RulesPath(schema));
            var rulesNow = File.Exists(rulesFile) ? File.ReadAllBytes(rulesFile) : null;
            var schemaThen = Show(repository, previous.SchemaBlob);
            var rulesThen = previous.RulesBlob is null ? null : Show(repository, previous.RulesBlob);
            if (!schemaNow.AsSpan().SequenceEqual(schemaThen) || !(rulesNow ?? []).AsSpan().SequenceEqual(rulesThen ?? []))
            {
                versionsCompared++;
                breaks.AddRange(Compare(schema, previous.Commit[..10], "working tree", schemaThen, rulesThen, schemaNow, rulesNow));
            }
        }

        return breaks;
    }

    private static IEnumerable<string> Compare(string schema, string from, string to, byte[] oldSchema, byte[]? oldRules, byte[] newSchema, byte[]? newRules)
    {
        using var before = JsonDocument.Parse(oldSchema);
        using var after = JsonDocument.Parse(newSchema);
        var prefix = schema.EndsWith("cloudevents.envelope.schema.json", StringComparison.Ordinal) ? "" : "/data";
        var changes = SchemaCompatibility.Compare(before.RootElement, after.RootElement,
            oldRules is null ? [] : FeedCatalogue.ParseRules(oldRules, schema), newRules is null ? [] : FeedCatalogue.ParseRules(newRules, schema), prefix);
        return changes.Select(c => $"{schema} ({from} → {to}): {c}");
    }

    public static bool IsContractSchema(string path) => SchemaPath().IsMatch(path);

    private static string RulesPath(string schema) => schema[..^".schema.json".Length] + ".rules.json";

    private static byte[] Show(string repository, string blob) => Encoding.UTF8.GetBytes(Git(repository, "cat-file", "blob", blob));

    public static string Git(string repository, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repository };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("safe.directory=*");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var error = git.StandardError.ReadToEndAsync();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} in {repository} failed ({git.ExitCode}): {error.Result}");
        }

        return output.Result;
    }

    [GeneratedRegex("^contracts/(cloudevents\\.envelope|[a-z0-9-]+\\.[a-z0-9-]+/v[1-9][0-9]*)\\.schema\\.json$")]
    private static partial Regex SchemaPath();
}
