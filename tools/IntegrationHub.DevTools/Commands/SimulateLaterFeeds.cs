using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// The simulated province's later feeds (F5–F10): heritage sites, environmental stations, social assistance, job market,
/// telecom coverage and information-system security, in province 25's communes with plausible figures. Seeded, so every
/// run looks alike; each feed is one entry of <see cref="Loops"/> (feed id, mean interval at scale 1, next record).
/// </summary>
internal sealed class SimulateLaterFeeds
{
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);
    private static readonly string[] Operators = ["VIETTEL", "VNPT", "MOBIFONE", "VIETNAMOBILE", "FPT_TELECOM"];
    private static readonly string[] Programmes = ["TRO_CAP_XA_HOI_HANG_THANG", "HO_TRO_KHAN_CAP", "HO_NGHEO_CAN_NGHEO"];
    private static readonly string[] Hosting = ["PROVINCIAL_DC", "PROVINCIAL_CLOUD", "PROVINCIAL_CLOUD", "NATIONAL_DC_BCA", "COMMERCIAL_CLOUD", "ON_PREM_AGENCY"];

    private static readonly (string Parameter, string Unit, string StationType, double Low, double High)[] Parameters =
    [
        ("PM2_5", "UG_M3", "AIR_AUTO", 5, 120), ("PM10", "UG_M3", "AIR_AUTO", 10, 200), ("VN_AQI", "INDEX", "AIR_AUTO", 20, 180),
        ("RAIN_MM", "MM", "RAIN_GAUGE", 0, 40), ("WATER_LEVEL_CM", "CM", "WATER_LEVEL", 80, 900), ("DO_MG_L", "MG_L", "SURFACE_WATER_AUTO", 3, 9),
        ("COD_MG_L", "MG_L", "SURFACE_WATER_AUTO", 4, 60), ("FIRE_RISK_LEVEL", "LEVEL", "FOREST_FIRE_RISK", 1, 5),
    ];

    private readonly Random _random = new(2025);
    private readonly IReadOnlyList<string> _communes;

    public SimulateLaterFeeds(IReadOnlyList<string> communes)
    {
        _communes = communes;
        Loops =
        [
            ("env.observation", TimeSpan.FromSeconds(5), Observation),
            ("culture.heritage-tourism", TimeSpan.FromSeconds(20), HeritageSite),
            ("social.assistance-payment", TimeSpan.FromSeconds(20), AssistancePayment),
            ("labour.job-market", TimeSpan.FromSeconds(25), JobMarket),
            ("ict.coverage", TimeSpan.FromSeconds(25), Coverage),
            ("sec.system-security-status", TimeSpan.FromSeconds(20), SystemStatus),
        ];
    }

    public IReadOnlyList<(string FeedId, TimeSpan Every, Func<DateTimeOffset, JsonObject> Next)> Loops { get; }

    private JsonObject Observation(DateTimeOffset now)
    {
        var station = _random.Next(40);
        var (parameter, unit, type, low, high) = Parameters[station % Parameters.Length];
        var value = parameter == "FIRE_RISK_LEVEL" ? _random.Next((int)low, (int)high + 1) : Math.Round(low + _random.NextDouble() * (high - low), 1);
        return new JsonObject
        {
            ["stationCode"] = $"QT-{station:D3}",
            ["stationType"] = type,
            ["communeCode"] = _communes[station * 7 % _communes.Count],
            ["lat"] = Math.Round(20.4 + station % 13 * 0.1, 4),
            ["lon"] = Math.Round(104.9 + station % 9 * 0.1, 4),
            ["parameterCode"] = parameter,
            ["value"] = value,
            ["unit"] = unit,
            ["observedAt"] = Time(now.AddMinutes(-_random.Next(0, 10))),
            ["qualityFlag"] = _random.NextDouble() < 0.9 ? "RAW" : "SUSPECT",
            ["alertLevel"] = parameter == "FIRE_RISK_LEVEL" ? Math.Max(0, (int)value - 2) : _random.NextDouble() < 0.05 ? 1 : 0,
        };
    }

    private JsonObject HeritageSite(DateTimeOffset now)
    {
        var site = _random.Next(30);
        return new JsonObject
        {
            ["siteCode"] = $"DS-{site:D4}",
            ["communeCode"] = _communes[site * 5 % _communes.Count],
            ["siteType"] = (site % 4) switch { 0 => "DI_TICH", 1 => "DIEM_DU_LICH", 2 => "BAO_TANG", _ => "DI_SAN_PHI_VAT_THE" },
            ["rankingLevel"] = (site % 5) switch { 0 => "QUOC_GIA_DAC_BIET", 1 or 2 => "QUOC_GIA", 3 => "CAP_TINH", _ => "CHUA_XEP_HANG" },
            ["digitisationLevel"] = (site % 3) switch { 0 => "NONE", 1 => "DOC_2D", _ => site % 2 == 0 ? "PANORAMA_360" : "MODEL_3D" },
            ["periodMonth"] = Month(now.AddMonths(-1)),
            ["visitorsDomestic"] = _random.Next(200, 25000),
            ["visitorsInternational"] = _random.Next(0, 3000),
            ["onlineTicketing"] = site % 3 != 0,
        };
    }

    private JsonObject AssistancePayment(DateTimeOffset now)
    {
        var programme = Programmes[_random.Next(Programmes.Length)];
        var beneficiaries = _random.Next(10, 900);
        var poor = programme == "HO_NGHEO_CAN_NGHEO";
        return new JsonObject
        {
            ["communeCode"] = _communes[_random.Next(_communes.Count)],
            ["periodMonth"] = Month(now.AddMonths(-1)),
            ["programCode"] = programme,
            ["beneficiaries"] = beneficiaries,
            ["paidCashless"] = (int)(beneficiaries * (0.55 + _random.NextDouble() * 0.4)),
            ["amountPaidVnd"] = beneficiaries * 500_000L,
            ["beneficiariesIdVerified"] = (int)(beneficiaries * (0.9 + _random.NextDouble() * 0.1)),
            ["poorHouseholds"] = poor ? _random.Next(50, 600) : null,
            ["nearPoorHouseholds"] = poor ? _random.Next(30, 400) : null,
        };
    }

    private JsonObject JobMarket(DateTimeOffset now)
    {
        var unit = _random.Next(12);
        var seekers = _random.Next(0, 300);
        var today = now.ToOffset(Province).Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new JsonObject
        {
            ["reportingUnitCode"] = $"000.17.{30 + unit:D2}.H25",
            ["communeCode"] = unit == 0 ? null : _communes[unit * 11 % _communes.Count],
            ["weekStart"] = monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["jobSeekersRegistered"] = seekers,
            ["vacanciesPosted"] = _random.Next(0, 400),
            ["placements"] = _random.Next(0, seekers + 1),
            ["unemploymentClaimsReceived"] = _random.Next(0, 60),
            ["unemploymentClaimsDecided"] = _random.Next(0, 60),
            ["eLabourContractsRegistered"] = _random.Next(0, 200),
            ["occupationalAccidents"] = _random.NextDouble() < 0.1 ? 1 : 0,
        };
    }

    private JsonObject Coverage(DateTimeOffset now)
    {
        var households = _random.Next(1500, 12000);
        return new JsonObject
        {
            ["communeCode"] = _communes[_random.Next(_communes.Count)],
            ["operatorCode"] = Operators[_random.Next(Operators.Length)],
            ["periodMonth"] = Month(now.AddMonths(-1)),
            ["pop4gCoveredPct"] = Math.Round(85 + _random.NextDouble() * 15, 2),
            ["pop5gCoveredPct"] = Math.Round(_random.NextDouble() * 70, 2),
            ["fiberAvailableVillagesPct"] = Math.Round(60 + _random.NextDouble() * 40, 2),
            ["households1GbpsCapable"] = (int)(households * _random.NextDouble() * 0.8),
            ["householdsTotal"] = households,
            ["deadZoneVillages"] = _random.NextDouble() < 0.2 ? _random.Next(1, 5) : 0,
        };
    }

    private JsonObject SystemStatus(DateTimeOffset now)
    {
        var system = _random.Next(25);
        var level = 1 + system % 4;
        return new JsonObject
        {
            ["systemCode"] = $"HT-{system:D3}",
            ["ownerAgencyCode"] = $"000.00.{11 + system % 9:D2}.H25",
            ["securityLevel"] = level,
            ["levelDossierApproved"] = system % 5 != 0,
            ["hostingModel"] = Hosting[system % Hosting.Length],
            ["socMonitored"] = system % 6 != 0,
            ["lastBackupAt"] = level >= 3 || _random.NextDouble() < 0.5 ? Time(now.AddHours(-_random.Next(1, 48))) : null,
            ["offlineBackup"] = system % 3 != 0,
            ["lastDrillDate"] = system % 4 == 0 ? null : now.ToOffset(Province).AddDays(-_random.Next(10, 300)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["openIncidents"] = _random.NextDouble() < 0.15 ? _random.Next(1, 4) : 0,
            ["connectedToLgsp"] = system % 4 != 3,
        };
    }

    private static string Time(DateTimeOffset at) => SimulateProvince.Time(at);

    private static string Month(DateTimeOffset at) => at.ToOffset(Province).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
