using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// The indicators the hub computes (ids, names and formulas as in FEEDS.md) and the default targets, taken from the
/// plans; every target is replaced by <c>Hub:Ioc:Targets:&lt;id&gt;:Value</c> and <c>:Year</c>.
/// </summary>
public static class IndicatorDefinitions
{
    public const string DossierFeed = "pubsvc.dossier-status";
    public const string HealthFeed = "health.facility-interop";
    public const string EducationFeed = "edu.school-status";

    public static readonly IReadOnlyList<(string Id, LocalizedText Name, LocalizedText Formula, double? Target, int? Year)> All =
    [
        ("I-01", new("Dữ liệu của các sở, ngành tích hợp với LGSP", "Departmental data integrated with the LGSP"),
            new("Số bộ dữ liệu trong danh mục có ít nhất 1 bản ghi hợp lệ trong 30 ngày ÷ số bộ dữ liệu trong danh mục",
                "Catalogue datasets with at least one valid record in the last 30 days ÷ catalogue datasets"), 85, 2030),
        ("I-03", new("Độ cập nhật của luồng dữ liệu", "Feed freshness"),
            new("Số luồng có bản ghi cuối trong chu kỳ dự kiến ÷ số luồng đăng ký", "Feeds whose last record is within the expected cadence ÷ registered feeds"),
            null, null),
        ("I-04", new("Tỷ lệ bản ghi đạt chất lượng", "Data-quality pass rate"),
            new("Bản ghi được chấp nhận ÷ bản ghi nhận được (24 giờ qua)", "Accepted records ÷ received records (last 24 hours)"), null, null),
        ("I-05", new("Tỷ lệ hồ sơ trực tuyến", "Online dossier rate"),
            new("Hồ sơ nộp trực tuyến (ONLINE_*) ÷ tổng hồ sơ tiếp nhận", "Dossiers received online (ONLINE_*) ÷ all dossiers received"), 85, 2030),
        ("I-07", new("Tỷ lệ thanh toán trực tuyến", "Online payment rate"),
            new("Hồ sơ thanh toán trực tuyến ÷ hồ sơ có thu phí", "Dossiers paid online ÷ dossiers with a fee"), 80, 2030),
        ("I-12", new("Tỷ lệ đồng bộ sổ sức khỏe điện tử", "E-health book sync rate"),
            new("Σ lượt đồng bộ sổ sức khỏe lên VNeID ÷ Σ lượt khám chữa bệnh", "Σ e-health book records synced to VNeID ÷ Σ encounters"), 95, 2030),
        ("I-14", new("Tỷ lệ học sinh được xác thực định danh", "Student identity verification rate"),
            new("Σ học sinh đã xác thực với CSDL quốc gia về dân cư ÷ Σ học sinh", "Σ students verified against the National Population DB ÷ Σ students enrolled"),
            null, null),
    ];

    public static (double? Value, int? Year) Target(string id, IocOptions options)
    {
        var defaults = All.First(d => d.Id == id);
        return options.Targets.TryGetValue(id, out var configured)
            ? (configured.Value ?? defaults.Target, configured.Year ?? defaults.Year)
            : (defaults.Target, defaults.Year);
    }
}
