using IntegrationHub.Core.Messaging;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>The topics of the four first feeds (two majors of pubsvc.dossier-status) and the hub's alerts, as the catalogue declares them.</summary>
public static class TestTopology
{
    public const string Edu = "lgsp.edu.school-status.v1";
    public const string Health = "lgsp.health.facility-interop.v1";
    public const string Land = "lgsp.land.parcel-record.v1";
    public const string PublicService = "lgsp.pubsvc.dossier-status.v1";
    public const string PublicServiceV2 = "lgsp.pubsvc.dossier-status.v2";
    public const string Alerts = "lgsp.hub.alerts.v1";

    public static MessagingTopology Feeds { get; } = new(
    [
        new TopicDefinition(Edu, "edu.school-status", ["ioc"]),
        new TopicDefinition(Health, "health.facility-interop", ["ioc"]),
        new TopicDefinition(Land, "land.parcel-record", ["ioc", "ndxp"]),
        new TopicDefinition(PublicService, "pubsvc.dossier-status", ["ioc", "ndxp"]),
        new TopicDefinition(PublicServiceV2, "pubsvc.dossier-status", ["ioc", "ndxp"]),
        new TopicDefinition(Alerts, null, ["ioc"]),
    ]);
}
