using IntegrationHub.Core.Validation.Schema;
using Xunit.Abstractions;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class JsonSchemaTestSuiteTests
{
    private const string MissingSuiteRow = "(suite folder missing)";

    private readonly ITestOutputHelper _output;

    public JsonSchemaTestSuiteTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> SuiteFiles()
    {
        var data = new TheoryData<string>();
        if (!JsonSchemaTestSuite.Exists)
        {
            // One row that fails with the path, rather than a theory with no data.
            data.Add(MissingSuiteRow);
            return data;
        }

        foreach (var file in JsonSchemaTestSuite.Files())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public void Every_in_profile_case_of_the_suite_file_passes(string file)
    {
        Assert.True(JsonSchemaTestSuite.Exists, JsonSchemaTestSuite.MissingMessage);
        Assert.NotEqual(MissingSuiteRow, file);

        var result = JsonSchemaTestSuite.Run(file);

        _output.WriteLine($"{file}: {result.InProfileGroups} in-profile groups, {result.Passed}/{result.Cases} cases passed, {result.OutOfProfileGroups.Count} out-of-profile groups");
        foreach (var group in result.OutOfProfileGroups)
        {
            _output.WriteLine($"  out of profile: \"{group.Description}\" uses {string.Join(", ", group.KeywordPointers)}");
        }

        Assert.True(result.Failures.Count == 0, string.Join(Environment.NewLine, result.Failures));
        Assert.Equal(result.Cases, result.Passed);
    }

    [Fact]
    public void All_in_profile_cases_pass_and_every_profile_keyword_with_a_suite_file_has_cases()
    {
        Assert.True(JsonSchemaTestSuite.Exists, JsonSchemaTestSuite.MissingMessage);
        var results = JsonSchemaTestSuite.Files().Select(JsonSchemaTestSuite.Run).ToList();

        var report = JsonSchemaTestSuite.FormatReport(results);
        _output.WriteLine(report);
        var artifacts = Path.Combine(RepoPaths.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "schema-suite-report.txt"), report);

        var cases = results.Sum(r => r.Cases);
        Assert.True(cases > 0, "No in-profile case was found in the suite.");
        Assert.Equal(cases, results.Sum(r => r.Passed));

        var byFile = results.ToDictionary(r => r.File, StringComparer.Ordinal);
        foreach (var keyword in SchemaProfile.Keywords)
        {
            var file = keyword is "if" or "then" or "else" ? "if-then-else.json" : keyword + ".json";
            if (byFile.TryGetValue(file, out var result))
            {
                Assert.True(result.Cases > 0, $"The profile keyword '{keyword}' has a suite file ({file}) but no in-profile case.");
            }
        }
    }
}
