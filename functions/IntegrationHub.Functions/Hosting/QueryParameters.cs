using System.Globalization;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Functions.Hosting;

/// <summary>Reads the query API's parameters; a bad one is a 400 naming it, never a silent default.</summary>
public static class QueryParameters
{
    public static bool TryPageSize(string? text, int defaultSize, int maxSize, out int pageSize, out IResult? problem)
    {
        problem = null;
        pageSize = defaultSize;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) && pageSize >= 1 && pageSize <= maxSize)
        {
            return true;
        }

        problem = Bad("pageSize", $"must be an integer from 1 to {maxSize}.");
        return false;
    }

    public static bool TryInstant(string name, string? text, out DateTimeOffset? instant, out IResult? problem)
    {
        problem = null;
        instant = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (Rfc3339.TryParseDateTime(text, out var value))
        {
            instant = value;
            return true;
        }

        problem = Bad(name, "must be an RFC 3339 date-time with an offset, e.g. 2026-11-20T08:00:00+07:00.");
        return false;
    }

    public static IResult Bad(string parameter, string detail) =>
        Problems.Result(400, "bad-query", "Bad query parameter", $"'{parameter}' {detail}", new Dictionary<string, object?> { ["parameter"] = parameter });
}
