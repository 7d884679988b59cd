using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// A column of a report section: its stable CSV name (<see cref="Key"/>, snake_case), its heading in Vietnamese and English, and
/// whether its cells carry an English text too (then the CSV has a second column <c>{Key}_en</c>).
/// </summary>
public sealed record ReportColumn(string Key, LocalizedText Title, bool Localized = false, bool Numeric = false);
