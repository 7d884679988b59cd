using System.Text;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.IntegrationTests.Messaging.Contract;

/// <summary>Accepted land-parcel events (a feed published nationally, so its topic has ioc and ndxp), each with its own id and entity.</summary>
public static class ContractEvents
{
    public const string Topic = "lgsp.land.parcel-record.v1";
    public const string Source = "urn:lgsp:25:000.00.13.H25:csdl-dat-dai";

    public static AcceptedEvent New(string? data = null, string? recordBlob = null)
    {
        var id = Guid.NewGuid().ToString();
        var parcel = Random.Shared.Next(1, 99999);
        var subject = $"04924-{Random.Shared.Next(1, 9999)}-{parcel}";
        var time = DateTimeOffset.UtcNow.AddMinutes(-1);
        data ??= $$"""{"parcelNo":{{parcel}}}""";
        var json = $$"""{"specversion":"1.0","type":"land.parcel-record.v1","source":"{{Source}}","id":"{{id}}","time":"{{time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)}}","datacontenttype":"application/json","data":{{data}}}""";
        return new AcceptedEvent
        {
            FeedId = "land.parcel-record",
            Major = 1,
            Topic = Topic,
            Subject = subject,
            Commune = "04924",
            Source = Source,
            Id = id,
            Type = "land.parcel-record.v1",
            KeyHash = EventKeys.KeyHash(Source, id),
            ContentHash = EventKeys.Sha256Hex(Encoding.UTF8.GetBytes(json)),
            Time = time,
            // AMQP timestamps hold milliseconds.
            ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            AdminCodes = "QD19-2025",
            EventJson = Encoding.UTF8.GetBytes(json),
            RecordBlob = recordBlob,
            Sender = new SenderIdentity("contract-app", "contract-tenant"),
        };
    }
}
