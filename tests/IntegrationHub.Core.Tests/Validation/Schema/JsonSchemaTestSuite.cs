using System.Globalization;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Validation.Schema;

namespace IntegrationHub.Core.Tests.Validation.Schema;

/// <summary>
/// Runs the official JSON Schema Test Suite (draft7) against <see cref="CompiledSchema"/>. A group counts when
/// its schema uses only profile keywords; other groups are listed with the keywords that put them out of profile.
/// </summary>
internal static class JsonSchemaTestSuite
{
    /// <summary>The optional files included: the two formats the profile asserts.</summary>
    private static readonly string[] OptionalFiles = ["optional/format/date.json", "optional/format/date-time.json"];

    public static string Directory => Path.Combine(RepoPaths.SharedDirectory, "json-schema-test-suite", "draft7");

    public static string MissingMessage =>
        $"The JSON Schema Test Suite was not found at {Directory}. Put the draft7 folder there, or set " +
        $"{RepoPaths.SharedDirectoryVariable} to the folder holding json-schema-test-suite/draft7.";

    public static bool Exists => System.IO.Directory.Exists(Directory);

    /// <summary>Suite files relative to the draft7 folder, with '/' separators, in a stable order.</summary>
    public static IReadOnlyList<string> Files()
    {
        var files = System.IO.Directory.GetFiles(Directory, "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        files.AddRange(OptionalFiles.Where(f => File.Exists(Path.Combine(Directory, f))));
        return files;
    }

    public static SuiteFileResult Run(string relativeFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, relativeFile)));
        var inProfileGroups = 0;
        var cases = 0;
        var passed = 0;
        var outOfProfile = new List<OutOfProfileGroup>();
        var failures = new List<string>();
        foreach (var group in document.RootElement.EnumerateArray())
        {
            var description = group.GetProperty("description").GetString()!;
            var schema = group.GetProperty("schema");
            var outside = SchemaProfile.FindOutOfProfileKeywords(schema);
            if (outside.Count > 0)
            {
                outOfProfile.Add(new OutOfProfileGroup(description, outside));
                continue;
            }

            inProfileGroups++;
            CompiledSchema? compiled = null;
            string? compileError = null;
            try
            {
                compiled = CompiledSchema.Compile(schema);
            }
            catch (SchemaCompileException e)
            {
                compileError = e.Message;
            }

            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                cases++;
                var testDescription = test.GetProperty("description").GetString();
                var expected = test.GetProperty("valid").GetBoolean();
                var data = test.GetProperty("data");
                if (compiled is null)
                {
                    failures.Add($"{relativeFile} / {description} / {testDescription}: schema did not compile: {compileError}");
                    continue;
                }

                var isValid = compiled.IsValid(data);
                var errors = new List<SchemaError>();
                compiled.Validate(data, string.Empty, errors);
                if (isValid == expected && (errors.Count == 0) == expected)
                {
                    passed++;
                }
                else
                {
                    var reported = string.Join("; ", errors.Select(e => $"{e.Pointer} {e.Detail}"));
                    failures.Add(
                        $"{relativeFile} / {description} / {testDescription}: expected valid={expected}, " +
                        $"IsValid={isValid}, Validate errors=[{reported}], data={data.GetRawText()}");
                }
            }
        }

        return new SuiteFileResult(relativeFile, inProfileGroups, cases, passed, outOfProfile, failures);
    }

    /// <summary>The per-file table, totals, and the list of out-of-profile groups.</summary>
    public static string FormatReport(IReadOnlyList<SuiteFileResult> results)
    {
        var report = new StringBuilder();
        report.AppendLine("JSON Schema Test Suite, draft7, against the contracts' schema profile");
        report.AppendLine(CultureInfo.InvariantCulture, $"suite: {Directory}");
        report.AppendLine();
        const string Row = "{0,-34} {1,17} {2,6} {3,7} {4,21}";
        report.AppendLine(string.Format(CultureInfo.InvariantCulture, Row, "keyword file", "in-profile groups", "cases", "passed", "out-of-profile groups"));
        report.AppendLine(new string('-', 89));
        foreach (var result in results)
        {
            report.AppendLine(string.Format(CultureInfo.InvariantCulture, Row, result.File, result.InProfileGroups, result.Cases, result.Passed, result.OutOfProfileGroups.Count));
        }

        report.AppendLine(new string('-', 89));
        report.AppendLine(string.Format(
            CultureInfo.InvariantCulture,
            Row,
            "total",
            results.Sum(r => r.InProfileGroups),
            results.Sum(r => r.Cases),
            results.Sum(r => r.Passed),
            results.Sum(r => r.OutOfProfileGroups.Count)));
        report.AppendLine();
        report.AppendLine("Out-of-profile groups (not counted):");
        foreach (var result in results)
        {
            foreach (var group in result.OutOfProfileGroups)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {result.File}: \"{group.Description}\" uses {string.Join(", ", group.KeywordPointers)}");
            }
        }

        var failures = results.SelectMany(r => r.Failures).ToList();
        if (failures.Count > 0)
        {
            report.AppendLine();
            report.AppendLine("Failed in-profile cases:");
            foreach (var failure in failures)
            {
                report.AppendLine("  " + failure);
            }
        }

        return report.ToString();
    }
}
