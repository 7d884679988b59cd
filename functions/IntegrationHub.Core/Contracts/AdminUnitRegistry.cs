using System.Text.Json;

namespace IntegrationHub.Core.Contracts;

/// <summary>
/// Versioned administrative-unit reference data. The national list keeps changing (mergers, renamed and
/// reclassified units), so every version is kept side by side and an event names the one it was coded against.
/// </summary>
public sealed class AdminUnitRegistry
{
    private readonly Dictionary<string, Dictionary<string, AdminUnit>> _versions;

    private AdminUnitRegistry(string current, Dictionary<string, Dictionary<string, AdminUnit>> versions)
    {
        CurrentVersion = current;
        _versions = versions;
    }

    public string CurrentVersion { get; }

    public IEnumerable<string> Versions => _versions.Keys;

    public bool HasVersion(string version) => _versions.ContainsKey(version);

    public AdminUnit? Find(string version, string communeCode) =>
        _versions.TryGetValue(version, out var units) && units.TryGetValue(communeCode, out var unit) ? unit : null;

    public IEnumerable<AdminUnit> Communes(string version, string provinceCode) =>
        _versions.TryGetValue(version, out var units)
            ? units.Values.Where(u => u.ProvinceCode == provinceCode).OrderBy(u => u.CommuneCode, StringComparer.Ordinal)
            : [];

    /// <summary>Loads <c>versions.json</c> and the CSV file of each version from <paramref name="folder"/>.</summary>
    public static AdminUnitRegistry Load(string folder)
    {
        var indexPath = Path.Combine(folder, "versions.json");
        if (!File.Exists(indexPath))
        {
            throw new InvalidDataException($"Administrative-unit reference data: {indexPath} does not exist.");
        }

        using var index = JsonDocument.Parse(File.ReadAllBytes(indexPath));
        var root = index.RootElement;
        var current = root.GetProperty("current").GetString()
            ?? throw new InvalidDataException($"{indexPath}: 'current' is missing.");
        var versions = new Dictionary<string, Dictionary<string, AdminUnit>>(StringComparer.Ordinal);
        foreach (var entry in root.GetProperty("versions").EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!;
            var file = Path.Combine(folder, entry.GetProperty("file").GetString()!);
            versions[id] = ReadCsv(file);
        }

        if (!versions.ContainsKey(current))
        {
            throw new InvalidDataException($"{indexPath}: the current version '{current}' is not among the versions listed.");
        }

        return new AdminUnitRegistry(current, versions);
    }

    private static Dictionary<string, AdminUnit> ReadCsv(string path)
    {
        var units = new Dictionary<string, AdminUnit>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header != "province_code,province_name,commune_code,commune_name,unit_type")
        {
            throw new InvalidDataException($"{path}: unexpected header '{header}'.");
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            // The published files need no quoting (no field holds a comma), so a plain split is exact.
            var parts = line.Split(',');
            if (parts.Length != 5 || parts[0].Length != 2 || parts[2].Length != 5)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected 5 fields with a 2-digit province and 5-digit commune code.");
            }

            units[parts[2]] = new AdminUnit(parts[0], parts[1], parts[2], parts[3], parts[4]);
        }

        return units;
    }
}
