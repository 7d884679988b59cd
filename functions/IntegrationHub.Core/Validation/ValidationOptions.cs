namespace IntegrationHub.Core.Validation;

/// <summary>Where the hub is: its province and the province's civil time zone.</summary>
public sealed class ValidationOptions
{
    /// <summary>The 2-digit code of the province the hub serves (default 25, Phú Thọ).</summary>
    public string ProvinceCode { get; set; } = "25";

    /// <summary>The province's UTC offset; calendar dates ("not in the future", "today") are read in it.</summary>
    public TimeSpan ProvinceUtcOffset { get; set; } = TimeSpan.FromHours(7);
}
