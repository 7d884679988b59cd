using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Compatibility;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/compat OLD.schema.json NEW.schema.json [--old-rules FILE] [--new-rules FILE]</c>: whether NEW is backward compatible
/// with OLD. Exit 0 compatible, 1 breaking (each change printed with its pointer and rule), 2 usage or unreadable files.
/// Rules files are compared too: given, or found beside each schema (<c>vN.schema.json</c> → <c>vN.rules.json</c>).
/// </summary>
internal static class CompatCommand
{
    private const string Usage = "usage: dev/compat OLD.schema.json NEW.schema.json [--old-rules OLD.rules.json] [--new-rules NEW.rules.json]";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args, Console.Out, Console.Error));

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var positional = new List<string>();
        string? oldRules = null, newRules = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--old-rules" when i + 1 < args.Count:
                    oldRules = args[++i];
                    break;
                case "--new-rules" when i + 1 < args.Count:
                    newRules = args[++i];
                    break;
                case "-h" or "--help":
                    errors.WriteLine(Usage);
                    return 0;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count != 2)
        {
            errors.WriteLine(Usage);
            return 2;
        }

        try
        {
            using var before = JsonDocument.Parse(File.ReadAllBytes(positional[0]));
            using var after = JsonDocument.Parse(File.ReadAllBytes(positional[1]));
            var oldRuleSet = Rules(oldRules ?? Beside(positional[0]));
            var newRuleSet = Rules(newRules ?? Beside(positional[1]));
            var changes = SchemaCompatibility.Compare(before.RootElement, after.RootElement, oldRuleSet, newRuleSet);
            foreach (var change in changes)
            {
                output.WriteLine($"breaking: {change.Pointer}: {change.Rule}: {change.Detail}");
            }

            output.WriteLine(changes.Count == 0
                ? $"compatible: {positional[1]} accepts everything {positional[0]} accepts"
                : $"{changes.Count} breaking change{(changes.Count == 1 ? "" : "s")}: publish them as a new major (v<N+1>.schema.json) instead");
            return changes.Count == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            errors.WriteLine("dev/compat: " + e.Message);
            return 2;
        }
    }

    private static string? Beside(string schemaPath)
    {
        var name = Path.GetFileName(schemaPath);
        if (!name.EndsWith(".schema.json", StringComparison.Ordinal))
        {
            return null;
        }

        var rules = Path.Combine(Path.GetDirectoryName(schemaPath) ?? ".", name[..^".schema.json".Length] + ".rules.json");
        return File.Exists(rules) ? rules : null;
    }

    private static IReadOnlyList<RuleDefinition> Rules(string? path) => path is null ? [] : FeedCatalogue.LoadRules(path);
}
