namespace IntegrationHub.Core.Contracts;

/// <summary>A numeric field of a public feed's records that the open-data export summarises per commune, with the statistics it publishes.</summary>
/// <param name="Field">The <c>data</c> property (a top-level integer or number of the schema).</param>
/// <param name="Title">What the figure is, in Vietnamese and English.</param>
/// <param name="Statistics">Which of <see cref="Names"/> are published, in that order.</param>
public sealed record OpenDataMeasure(string Field, LocalizedText Title, IReadOnlyList<string> Statistics)
{
    public const string Sum = "sum";
    public const string Mean = "mean";
    public const string Min = "min";
    public const string Max = "max";

    public static readonly IReadOnlyList<string> Names = [Sum, Mean, Min, Max];
}
