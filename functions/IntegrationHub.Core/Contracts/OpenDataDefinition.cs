namespace IntegrationHub.Core.Contracts;

/// <summary>
/// The <c>openData</c> block of a public feed's catalogue entry: how its daily open-data dataset is described (DCAT) and what is
/// aggregated per commune. Only the commune, the <see cref="Dimensions"/> (enumerated fields) and the <see cref="Measures"/>
/// leave the hub, as counts and statistics; never an entity key or a record.
/// </summary>
/// <param name="Title">The dataset's title (dct:title).</param>
/// <param name="Description">The dataset's description (dct:description).</param>
/// <param name="License">The licence's URL (dct:license).</param>
/// <param name="Keywords">dcat:keyword, in Vietnamese and English.</param>
/// <param name="Dimensions">Enumerated <c>data</c> fields the rows are also grouped by, besides the commune (e.g. the measured parameter).</param>
/// <param name="Measures">The numeric fields summarised.</param>
public sealed record OpenDataDefinition(
    LocalizedText Title,
    LocalizedText Description,
    Uri License,
    IReadOnlyList<LocalizedText> Keywords,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<OpenDataMeasure> Measures);
