using System.Text.Json;
using IntegrationHub.Core.Messaging.ServiceBus;
using IntegrationHub.Core.Ndxp;

namespace IntegrationHub.Core.Tests.Ndxp;

/// <summary>The structured-mode body the forwarder POSTs.</summary>
public sealed class NdxpCloudEventJsonTests
{
    [Fact]
    public void Attributes_become_members_times_RFC_3339_UTC_and_JSON_data_stays_JSON()
    {
        var attributes = new Dictionary<string, object>
        {
            ["id"] = "e-1", ["source"] = "urn:src", ["type"] = "vn.gov.land.parcel-record.v1", ["specversion"] = "1.0",
            ["time"] = new DateTime(2026, 12, 6, 1, 2, 3, DateTimeKind.Utc), ["datacontenttype"] = "application/json", ["sequence"] = 7L,
        };

        var json = NdxpCloudEventJson.Write(new ReceivedCloudEvent(attributes, """{"parcelNo":12}"""u8.ToArray()));

        using var document = JsonDocument.Parse(json!);
        var root = document.RootElement;
        Assert.Equal("e-1", root.GetProperty("id").GetString());
        Assert.Equal("2026-12-06T01:02:03Z", root.GetProperty("time").GetString());
        Assert.Equal(7, root.GetProperty("sequence").GetInt64());
        Assert.Equal(12, root.GetProperty("data").GetProperty("parcelNo").GetInt32());
    }

    [Fact]
    public void Binary_data_travels_as_data_base64_and_an_event_without_an_id_is_refused()
    {
        var attributes = new Dictionary<string, object> { ["id"] = "e-2", ["source"] = "s", ["type"] = "t", ["specversion"] = "1.0", ["datacontenttype"] = "application/octet-stream" };

        var json = NdxpCloudEventJson.Write(new ReceivedCloudEvent(attributes, [1, 2, 3]));
        attributes.Remove("id");

        using var document = JsonDocument.Parse(json!);
        Assert.Equal("AQID", document.RootElement.GetProperty("data_base64").GetString());
        Assert.Null(NdxpCloudEventJson.Write(new ReceivedCloudEvent(attributes, [])));
    }
}
