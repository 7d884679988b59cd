using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Hostile;

/// <summary>The corpus's huge inputs, built at test time rather than committed, and the time placeholders of its bodies.</summary>
public static class HostileGenerators
{
    public const string SlowLoris = "slow-loris";
    public const int Depth = 10_000;

    public static IReadOnlyList<string> Names { get; } =
        ["deep-nesting-arrays", "deep-nesting-objects", "number-100000-digits", "string-10mb", "id-10000-characters", "batch-10001", "extension-300kb", SlowLoris];

    public static byte[] Generate(string name) => name switch
    {
        "deep-nesting-arrays" => WithData(new string('[', Depth) + new string(']', Depth), "deep-arrays"),
        "deep-nesting-objects" => WithData(string.Concat(Enumerable.Repeat("{\"a\":", Depth)) + "{}" + new string('}', Depth), "deep-objects"),
        "number-100000-digits" => Replace("digits", "\"studentsEnrolled\":1245", "\"studentsEnrolled\":" + "9" + new string('0', 99_999)),
        "string-10mb" => Replace("string-10mb", "\"reportDate\":\"2026-11-18\"", "\"reportDate\":\"" + new string('x', 10 * 1024 * 1024) + "\""),
        "id-10000-characters" => Replace("x", "\"id\":\"hostile-x\"", "\"id\":\"" + new string('i', 10_000) + "\""),
        "batch-10001" => Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"{{\"id\":\"hostile-batch-{i}\"}}")) + "]"),
        "extension-300kb" => Extended("extension-300kb", "myext", new string('x', 300 * 1024)),
        SlowLoris => Encoding.UTF8.GetBytes(Template("slow-loris").ToJsonString()),
        _ => throw new ArgumentException($"no generator '{name}'; generators: {string.Join(", ", Names)}"),
    };

    /// <summary>
    /// <c>${TIME_PLUS_1Y}</c> (an RFC 3339 time a year ahead, +07:00), <c>${DATE_PLUS_1Y}</c> (its date) and
    /// <c>${LEAP_SECOND_PLUS_1Y}</c> (the leap second at the end of next year, <c>23:59:60Z</c>).
    /// </summary>
    public static byte[] FillPlaceholders(byte[] body)
    {
        var ahead = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddYears(1);
        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body)
            .Replace("${TIME_PLUS_1Y}", ahead.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${DATE_PLUS_1Y}", ahead.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${LEAP_SECOND_PLUS_1Y}", $"{ahead.Year.ToString(CultureInfo.InvariantCulture)}-12-31T23:59:60Z", StringComparison.Ordinal));
    }

    private static JsonObject Template(string name)
    {
        var evt = JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "contracts", "edu.school-status", "samples", "valid", "upper-secondary-hoa-binh.json")))!.AsObject();
        evt["id"] = "hostile-" + name;
        return evt;
    }

    private static byte[] Extended(string name, string attribute, string value)
    {
        var evt = Template(name);
        evt[attribute] = value;
        return Encoding.UTF8.GetBytes(evt.ToJsonString());
    }

    private static byte[] WithData(string data, string name)
    {
        var evt = Template(name);
        evt["data"] = 0;
        return Encoding.UTF8.GetBytes(evt.ToJsonString().Replace("\"data\":0", "\"data\":" + data, StringComparison.Ordinal));
    }

    private static byte[] Replace(string name, string what, string with)
    {
        var text = Template(name).ToJsonString();
        return text.Contains(what, StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(text.Replace(what, with, StringComparison.Ordinal))
            : throw new InvalidOperationException($"the template has no {what}");
    }
}
