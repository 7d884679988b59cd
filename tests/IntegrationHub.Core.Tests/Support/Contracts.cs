using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Support;

/// <summary>The repository's real contracts, loaded once for the tests.</summary>
public static class Contracts
{
    public static FeedCatalogue Catalogue { get; } = FeedCatalogue.Load(RepoPaths.Contracts);

    public static AdminUnitRegistry AdminUnits { get; } = AdminUnitRegistry.Load(RepoPaths.AdminUnits);

    public static RecordValidator Validator(TimeProvider? clock = null) =>
        new(Catalogue, AdminUnits, new RuleEvaluator(AdminUnits, new ValidationOptions(), clock ?? SampleTime.Clock()));
}
