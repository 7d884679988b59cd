using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// The per-record source check: the pipeline asks this policy for every event and rejects a refused one at <c>/source</c>
/// with the returned reason, so a spoofed source inside an otherwise valid batch is rejected alone.
/// </summary>
public sealed class RegistrySourcePolicyTests
{
    private const string Tenant = "25000000-0000-4000-8000-000000000000";
    private static readonly string Contracts = Path.Combine(AppContext.BaseDirectory, "contracts");
    private readonly SenderRegistry _registry = SenderRegistry.Load(Path.Combine(Contracts, "registry", "senders.json"));

    [Fact]
    public void An_application_may_use_its_registered_source()
    {
        var policy = new RegistrySourcePolicy(_registry);

        Assert.Null(policy.Check(Sender("edu-sector-db"), "urn:lgsp:25:000.00.11.H25:csdl-giao-duc"));
    }

    [Fact]
    public void A_spoofed_source_is_refused_with_a_reason_naming_the_source_and_the_application()
    {
        var policy = new RegistrySourcePolicy(_registry);
        var sender = Sender("edu-sector-db");

        var reason = policy.Check(sender, "urn:lgsp:25:000.00.12.H25:lien-thong-y-te");

        Assert.NotNull(reason);
        Assert.Contains("'urn:lgsp:25:000.00.12.H25:lien-thong-y-te' is not registered", reason, StringComparison.Ordinal);
        Assert.Contains("'edu-sector-db'", reason, StringComparison.Ordinal);
        Assert.Contains(sender.AppId, reason, StringComparison.Ordinal);
        Assert.Contains("urn:lgsp:25:000.00.11.H25:csdl-giao-duc", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_match_exactly()
    {
        var policy = new RegistrySourcePolicy(_registry);

        Assert.NotNull(policy.Check(Sender("edu-sector-db"), "URN:LGSP:25:000.00.11.H25:CSDL-GIAO-DUC"));
        Assert.NotNull(policy.Check(Sender("edu-sector-db"), "urn:lgsp:25:000.00.11.H25:csdl-giao-duc/"));
    }

    [Fact]
    public void The_reader_application_may_use_no_source()
    {
        var policy = new RegistrySourcePolicy(_registry);

        Assert.Contains("registered sources: none", policy.Check(Sender("ioc-reader"), "urn:lgsp:25:000.00.11.H25:csdl-giao-duc"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_missing_from_the_registry_may_use_no_source()
    {
        var policy = new RegistrySourcePolicy(_registry);

        var reason = policy.Check(new SenderIdentity("0a990000-0000-4000-8000-000000000099", Tenant), "urn:lgsp:25:000.00.11.H25:csdl-giao-duc");

        Assert.Contains("not in the hub's sender registry", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_anonymous_sender_may_use_no_source()
    {
        Assert.NotNull(new RegistrySourcePolicy(_registry).Check(SenderIdentity.Anonymous, "urn:lgsp:25:000.00.11.H25:csdl-giao-duc"));
    }

    [Fact]
    public void The_development_registry_gives_each_feeds_sources_to_one_application_of_its_owner_department()
    {
        var catalogue = FeedCatalogue.Load(Contracts);
        Assert.NotEmpty(catalogue.Feeds);

        foreach (var feed in catalogue.Feeds)
        {
            var holders = _registry.Applications.Where(a => feed.Sources.Any(a.MayUse)).ToArray();
            var owner = Assert.Single(holders);
            Assert.Equal(feed.Owner.Code, owner.Department);
            Assert.All(feed.Sources, s => Assert.True(owner.MayUse(s), $"{owner.Name} lacks {s}"));
        }
    }

    private SenderIdentity Sender(string application) => new(_registry.FindByName(application)!.ClientId, Tenant);
}
