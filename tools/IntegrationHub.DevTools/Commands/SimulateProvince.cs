using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// The simulated province: schools, health facilities, land parcels and dossiers in province 25's communes (from the
/// administrative-unit reference list), with figures in plausible ranges. Each commune has its own habits (share of online
/// dossiers, e-health book sync rate), so the commune chart has something to show. Seeded, so every run looks alike.
/// </summary>
internal sealed class SimulateProvince
{
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);
    private static readonly string[] Agencies = ["000.00.01.H25", "000.00.11.H25", "000.00.12.H25", "000.00.13.H25", "000.00.14.H25", "000.00.15.H25"];
    private static readonly string[] Procedures = ["1.004227", "2.000815", "2.001255", "1.011442", "1.001612", "2.002154", "1.010830"];
    private static readonly string[] LandUses = ["ONT", "ODT", "LUC", "CLN", "RSX", "HNK", "NTS", "BHK"];

    private readonly Random _random = new(25);
    private readonly IReadOnlyList<string> _communes;
    private readonly Dictionary<string, double> _onlineShare = [];
    private readonly Dictionary<string, double> _syncRate = [];
    private readonly List<School> _schools = [];
    private readonly List<Facility> _facilities = [];
    private readonly List<OpenDossier> _openDossiers = [];
    private int _dossierSequence;

    public SimulateProvince(IReadOnlyList<string> communes)
    {
        _communes = communes;
        foreach (var commune in communes)
        {
            _onlineShare[commune] = 0.45 + _random.NextDouble() * 0.5;
            _syncRate[commune] = 0.78 + _random.NextDouble() * 0.21;
        }

        string[] levels = ["MAM_NON", "TIEU_HOC", "THCS", "THPT", "LIEN_CAP"];
        for (var i = 0; i < 80; i++)
        {
            var level = levels[_random.Next(levels.Length)];
            var enrolled = level switch { "MAM_NON" => _random.Next(80, 300), "THPT" => _random.Next(600, 1500), _ => _random.Next(250, 900) };
            _schools.Add(new School($"2501{i:D4}", Pick(communes), level, enrolled, 0.93 + _random.NextDouble() * 0.07, _random.NextDouble() < 0.9));
        }

        string[] types = ["BV_TINH", "BV_KHU_VUC", "TRUNG_TAM_Y_TE", "TRAM_Y_TE_XA", "TRAM_Y_TE_XA", "TRAM_Y_TE_XA", "TU_NHAN"];
        for (var i = 0; i < 60; i++)
        {
            _facilities.Add(new Facility($"17{i:D3}", types[_random.Next(types.Length)], Pick(communes)));
        }
    }

    /// <summary>Reads the province's communes from the current administrative-unit list.</summary>
    public static IReadOnlyList<string> LoadCommunes(string contractsFolder, string province)
    {
        var folder = Path.Combine(contractsFolder, "reference", "admin-units");
        var current = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "versions.json")))!["current"]!.GetValue<string>();
        return File.ReadLines(Path.Combine(folder, current + ".csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(parts => parts.Length == 5 && parts[0] == province)
            .Select(parts => parts[2])
            .ToArray();
    }

    public JsonObject SchoolReport(DateTimeOffset now)
    {
        var school = _schools[_random.Next(_schools.Count)];
        var present = (int)(school.Enrolled * (0.9 + _random.NextDouble() * 0.09));
        var verified = Math.Min(school.Enrolled, (int)(school.Enrolled * school.VerifiedShare));
        return new JsonObject
        {
            ["schoolCode"] = school.Code,
            ["communeCode"] = school.Commune,
            ["educationLevel"] = school.Level,
            ["ownership"] = _random.NextDouble() < 0.9 ? "CONG_LAP" : "TU_THUC",
            ["reportDate"] = Date(now),
            ["studentsEnrolled"] = school.Enrolled,
            ["studentsPresent"] = present,
            ["teachersActive"] = Math.Max(5, school.Enrolled / 18),
            ["studentsIdVerified"] = verified,
            ["internetConnected"] = school.Online,
            ["lastSyncToMinistryDb"] = _random.NextDouble() < 0.7 ? Time(now.AddHours(-_random.Next(1, 20))) : null,
        };
    }

    public JsonObject FacilityReport(DateTimeOffset now)
    {
        var facility = _facilities[_random.Next(_facilities.Count)];
        var encounters = facility.Type switch
        {
            "BV_TINH" => _random.Next(800, 1500),
            "BV_KHU_VUC" => _random.Next(300, 700),
            "TRUNG_TAM_Y_TE" => _random.Next(150, 400),
            "TU_NHAN" => _random.Next(30, 150),
            _ => _random.Next(15, 80),
        };
        var errors = _random.NextDouble() < 0.1 ? _random.Next(1, 6) : 0;
        return new JsonObject
        {
            ["facilityCode"] = facility.Code,
            ["facilityType"] = facility.Type,
            ["communeCode"] = facility.Commune,
            ["reportDate"] = Date(now),
            ["encounters"] = encounters,
            ["ehrCreated"] = encounters / _random.Next(3, 8),
            ["healthBookSyncedVneid"] = (int)(encounters * Math.Min(1, _syncRate[facility.Commune] + (_random.NextDouble() - 0.5) * 0.04)),
            ["eReferralsIssued"] = encounters / _random.Next(20, 60),
            ["eReExamAppointments"] = encounters / _random.Next(8, 20),
            ["labResultsShared"] = facility.Type == "TRAM_Y_TE_XA" ? 0 : encounters / _random.Next(3, 6),
            ["interopErrors"] = errors,
            ["lastErrorCode"] = errors > 0 ? "VNEID_TIMEOUT" : null,
        };
    }

    public JsonObject ParcelChange(DateTimeOffset now)
    {
        var commune = Pick(_communes);
        var status = _random.NextDouble() switch { < 0.15 => "DIGITISED", < 0.45 => "VERIFIED", _ => "SYNCED_NATIONAL" };
        var sheet = _random.Next(1, 60);
        var parcel = _random.Next(1, 900);
        return new JsonObject
        {
            ["communeCode"] = commune,
            ["mapSheetNo"] = sheet,
            ["parcelNo"] = parcel,
            ["nationalParcelId"] = status == "SYNCED_NATIONAL" ? $"25-{commune}-{sheet:D4}-{parcel:D5}" : null,
            ["landUseCode"] = Pick(LandUses),
            ["areaM2"] = Math.Round(40 + _random.NextDouble() * 4000, 1),
            ["eventType"] = Pick(["DIGITISED", "CLEANSED", "FIRST_REGISTRATION", "TRANSFER", "CORRECTION"]),
            ["recordStatus"] = status,
            ["certificateIssued"] = _random.NextDouble() < 0.8,
            ["ownerIdVerified"] = _random.NextDouble() < 0.9,
            ["eventAt"] = Time(now.AddMinutes(-_random.Next(0, 30))),
        };
    }

    /// <summary>A new dossier (received now) or a step of one already open (processing, then completed).</summary>
    public JsonObject DossierChange(DateTimeOffset now)
    {
        if (_openDossiers.Count > 0 && _random.NextDouble() < 0.45)
        {
            var open = _openDossiers[_random.Next(_openDossiers.Count)];
            var next = open.Status == "RECEIVED" ? "PROCESSING" : "COMPLETED";
            var advanced = open with { Status = next };
            if (next == "COMPLETED")
            {
                _openDossiers.Remove(open);
            }
            else
            {
                _openDossiers[_openDossiers.IndexOf(open)] = advanced;
            }

            return Dossier(advanced, now);
        }

        var commune = _random.NextDouble() < 0.25 ? null : Pick(_communes);
        var onlineShare = commune is null ? 1.0 : _onlineShare[commune];
        var channel = commune is null
            ? "ONLINE_FULL"
            : _random.NextDouble() < onlineShare ? (_random.NextDouble() < 0.5 ? "ONLINE_FULL" : "ONLINE_PARTIAL") : (_random.NextDouble() < 0.85 ? "IN_PERSON" : "POSTAL");
        bool? paidOnline = _random.NextDouble() < 0.4 ? null : channel.StartsWith("ONLINE_", StringComparison.Ordinal) ? _random.NextDouble() < 0.85 : _random.NextDouble() < 0.3;
        var dossier = new OpenDossier($"H25.{commune ?? "00000"}-{now:yyMMdd}{++_dossierSequence:D4}", Pick(Procedures), Pick(Agencies), commune, channel,
            paidOnline, now, now.AddDays(_random.Next(1, 15)), "RECEIVED");
        _openDossiers.Add(dossier);
        if (_openDossiers.Count > 400)
        {
            _openDossiers.RemoveAt(0);
        }

        return Dossier(dossier, now);
    }

    /// <summary>Breaks a valid record the way a sender's bug would (the hub must reject it).</summary>
    public JsonObject Spoil(string feedId, JsonObject data)
    {
        switch (feedId)
        {
            case "edu.school-status":
                data["studentsPresent"] = data["studentsEnrolled"]!.GetValue<int>() + 15;
                break;
            case "health.facility-interop":
                data["communeCode"] = "9999";
                break;
            case "land.parcel-record":
                data["landUseCode"] = "XYZ";
                break;
            default:
                data["dueAt"] = Time(DateTimeOffset.UtcNow.AddDays(-30));
                break;
        }

        return data;
    }

    private JsonObject Dossier(OpenDossier d, DateTimeOffset now) => new()
    {
        ["dossierCode"] = d.Code,
        ["procedureCode"] = d.Procedure,
        ["handlingAgencyCode"] = d.Agency,
        ["communeCode"] = d.Commune,
        ["channel"] = d.Channel,
        ["applicantType"] = Pick(["CITIZEN", "CITIZEN", "CITIZEN", "ENTERPRISE", "ORGANISATION"]),
        ["status"] = d.Status,
        ["receivedAt"] = Time(d.ReceivedAt),
        ["dueAt"] = Time(d.DueAt),
        ["completedAt"] = d.Status == "COMPLETED" ? Time(now) : null,
        ["paidOnline"] = d.PaidOnline,
        ["resultElectronic"] = d.Status == "COMPLETED" && _random.NextDouble() < 0.8,
        ["reusedDigitisedData"] = _random.NextDouble() < 0.6,
        ["crossBoundary"] = _random.NextDouble() < 0.1,
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public static string Time(DateTimeOffset at) => at.ToOffset(Province).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset at) => at.ToOffset(Province).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record School(string Code, string Commune, string Level, int Enrolled, double VerifiedShare, bool Online);

    private sealed record Facility(string Code, string Type, string Commune);

    private sealed record OpenDossier(string Code, string Procedure, string Agency, string? Commune, string Channel, bool? PaidOnline,
        DateTimeOffset ReceivedAt, DateTimeOffset DueAt, string Status);
}
