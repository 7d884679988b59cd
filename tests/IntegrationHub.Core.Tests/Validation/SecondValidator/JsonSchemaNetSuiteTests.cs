using System.Globalization;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Tests.Validation.Schema;
using IntegrationHub.Core.Validation.Schema;
using Xunit.Abstractions;

namespace IntegrationHub.Core.Tests.Validation.SecondValidator;

/// <summary>
/// The official JSON Schema Test Suite (draft7, with the optional date and date-time format files) run with JsonSchema.Net,
/// on every group and on the groups inside the contracts' profile, next to the hub's own validator's score on the same
/// in-profile groups. The report goes to artifacts/schema-suite-comparison.txt.
/// </summary>
public sealed class JsonSchemaNetSuiteTests(ITestOutputHelper output)
{
    /// <summary>
    /// In-profile cases JsonSchema.Net 8.0.5 gets wrong, with the reason. A new failure, or one of these passing again
    /// (after an upgrade), fails the test, so the list stays true.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDefects = new(StringComparer.Ordinal)
    {
        ["optional/format/date-time.json / validation of date-time strings / a trailing newline is invalid"] =
            "its date-time check is a .NET regex ending in $, which also matches before a final newline",
    };

    [Fact]
    public void The_suite_scores_of_both_validators_are_reported_and_agree_on_the_profile()
    {
        Assert.True(JsonSchemaTestSuite.Exists, JsonSchemaTestSuite.MissingMessage);
        var rows = new List<(string File, int All, int AllPassed, int InProfile, int InProfileNet, int InProfileHub)>();
        var inProfileFailures = new List<string>();
        foreach (var file in JsonSchemaTestSuite.Files())
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(JsonSchemaTestSuite.Directory, file)));
            int all = 0, allPassed = 0, inProfile = 0, inProfileNet = 0, inProfileHub = 0;
            foreach (var group in document.RootElement.EnumerateArray())
            {
                var schema = group.GetProperty("schema");
                var profiled = SchemaProfile.FindOutOfProfileKeywords(schema).Count == 0;
                Json.Schema.JsonSchema? net = null;
                try
                {
                    net = JsonSchemaNetValidator.Build(schema);
                }
                catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
                {
                    // counted as failures of every case below
                }

                var hub = profiled ? CompiledSchema.Compile(schema) : null;
                foreach (var test in group.GetProperty("tests").EnumerateArray())
                {
                    var expected = test.GetProperty("valid").GetBoolean();
                    var data = test.GetProperty("data");
                    var netPassed = net is not null && Evaluate(net, data) == expected;
                    all++;
                    allPassed += netPassed ? 1 : 0;
                    if (hub is null)
                    {
                        continue;
                    }

                    inProfile++;
                    inProfileNet += netPassed ? 1 : 0;
                    inProfileHub += hub.IsValid(data) == expected ? 1 : 0;
                    if (!netPassed)
                    {
                        inProfileFailures.Add($"{file} / {group.GetProperty("description").GetString()} / {test.GetProperty("description").GetString()}");
                    }
                }
            }

            rows.Add((file, all, allPassed, inProfile, inProfileNet, inProfileHub));
        }

        var report = Report(rows, inProfileFailures);
        output.WriteLine(report);
        var artifacts = Path.Combine(RepoPaths.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "schema-suite-comparison.txt"), report);

        Assert.True(rows.Sum(r => r.InProfile) > 0);
        Assert.Equal(rows.Sum(r => r.InProfile), rows.Sum(r => r.InProfileHub));
        Assert.Equal(KnownDefects.Keys.Order(StringComparer.Ordinal), inProfileFailures.Order(StringComparer.Ordinal));
    }

    private static bool? Evaluate(Json.Schema.JsonSchema schema, JsonElement data)
    {
        try
        {
            return JsonSchemaNetValidator.IsValid(schema, data);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or NotSupportedException or KeyNotFoundException or Json.Schema.RefResolutionException)
        {
            return null; // e.g. a remote reference the suite expects a local server for
        }
    }

    private static string Report(List<(string File, int All, int AllPassed, int InProfile, int InProfileNet, int InProfileHub)> rows, List<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine("JSON Schema Test Suite, draft7 (+ optional/format date, date-time): JsonSchema.Net 8.0.5 and the hub's profile validator");
        text.AppendLine();
        const string Row = "{0,-34} {1,10} {2,14} {3,12} {4,16} {5,12}";
        text.AppendLine(string.Format(CultureInfo.InvariantCulture, Row, "file", "all cases", "JsonSchema.Net", "in profile", "JsonSchema.Net", "hub"));
        text.AppendLine(new string('-', 103));
        foreach (var r in rows)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, Row, r.File, r.All, r.AllPassed, r.InProfile, r.InProfileNet, r.InProfileHub));
        }

        text.AppendLine(new string('-', 103));
        text.AppendLine(string.Format(CultureInfo.InvariantCulture, Row, "total", rows.Sum(r => r.All), rows.Sum(r => r.AllPassed),
            rows.Sum(r => r.InProfile), rows.Sum(r => r.InProfileNet), rows.Sum(r => r.InProfileHub)));
        if (failures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("JsonSchema.Net fails these in-profile cases:");
            failures.ForEach(f => text.AppendLine($"  {f}: {KnownDefects.GetValueOrDefault(f, "not a known defect")}"));
        }

        return text.ToString();
    }
}
