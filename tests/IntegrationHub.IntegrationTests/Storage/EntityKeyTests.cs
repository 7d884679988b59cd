using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.IntegrationTests.Ioc;

namespace IntegrationHub.IntegrationTests.Storage;

/// <summary>One entity has one key whatever the spelling of its numbers, and its index row follows it when it changes commune.</summary>
[Collection(StackCollection.Name)]
public sealed class EntityKeyTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private const string Land = "land.parcel-record";
    private const string Edu = "edu.school-status";
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Numbers_27_27_0_and_2_7e1_in_a_key_field_name_one_entity_with_one_snapshot_and_three_history_entries()
    {
        var template = Samples.Valid(Land)[0];
        var parcel = Random.Shared.Next(10_000, 99_999);
        var commune = (string)template["data"]!["communeCode"]!;
        var spellings = new[] { "27", "27.0", "2.7e1" };
        for (var i = 0; i < spellings.Length; i++)
        {
            var evt = (JsonObject)template.DeepClone();
            evt["id"] = Guid.NewGuid().ToString();
            evt["time"] = DateTimeOffset.UtcNow.AddMinutes(-10 + i).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
            evt["data"]!["parcelNo"] = parcel;
            evt.Remove("subject");
            var body = evt.ToJsonString().Replace("\"mapSheetNo\":" + template["data"]!["mapSheetNo"]!.ToJsonString(), "\"mapSheetNo\":" + spellings[i], StringComparison.Ordinal);
            Assert.Contains("\"mapSheetNo\":" + spellings[i], body, StringComparison.Ordinal);
            using var response = await _hub.PostAsync(Land, body);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }

        var subject = $"{commune}-27-{parcel}";
        using var reader = _hub.ReaderClient();
        var snapshot = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{Land}/{subject}"))!;
        Assert.Equal(3, (int)snapshot["version"]!);
        var history = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{Land}/{subject}/history"))!;
        Assert.Equal(3, history["items"]!.AsArray().Count);
        var listed = await IocApi.GetAllPagesAsync(_hub, $"/api/snapshots/{Land}?commune={commune}");
        Assert.Single(listed.Items, i => ((string?)i["subject"])!.EndsWith($"-{parcel}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entity_that_changes_commune_leaves_its_old_commune_in_the_same_transaction_as_its_snapshot()
    {
        var template = Samples.Valid(Edu)[0];
        var school = $"MV{Random.Shared.Next(100_000, 999_999)}";
        var communes = new[] { "04795", "04924" };
        for (var i = 0; i < communes.Length; i++)
        {
            var evt = (JsonObject)template.DeepClone();
            evt["id"] = Guid.NewGuid().ToString();
            evt["time"] = DateTimeOffset.UtcNow.AddMinutes(-10 + i).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
            evt["data"]!["schoolCode"] = school;
            evt["data"]!["communeCode"] = communes[i];
            using var response = await _hub.PostAsync(Edu, evt.ToJsonString());
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }

        // The index rows of the entity, read from its partition: exactly one, in the commune of the snapshot. There is no
        // separate index write that a crash could skip: the old row is deleted in the snapshot's own transaction.
        var entities = new TableClient(fixture.Stack.StorageConnectionString, _hub.TablePrefix + "Entities");
        var rows = new List<TableEntity>();
        await foreach (var row in entities.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.EntityPartition(Edu, school)} and RowKey ge {TableKeys.IndexRowPrefix} and RowKey lt {"i}"}")))
        {
            rows.Add(row);
        }

        var index = Assert.Single(rows, r => r.GetString("Subject") == school);
        Assert.Equal(TableKeys.IndexRowKey(communes[1], school), index.RowKey);
        var snapshot = await entities.GetEntityAsync<TableEntity>(TableKeys.EntityPartition(Edu, school), TableKeys.SnapshotRowKey(school));
        Assert.Equal(communes[1], snapshot.Value.GetString("Commune"));
        Assert.Equal(2, snapshot.Value.GetInt64("Version"));

        var old = await IocApi.GetAllPagesAsync(_hub, $"/api/snapshots/{Edu}?commune={communes[0]}");
        Assert.DoesNotContain(old.Items, i => (string?)i["subject"] == school);
        var current = await IocApi.GetAllPagesAsync(_hub, $"/api/snapshots/{Edu}?commune={communes[1]}");
        Assert.Single(current.Items, i => (string?)i["subject"] == school);
    }

    [Fact]
    public async Task Two_hundred_events_of_one_entity_in_one_request_are_all_committed_and_the_newest_is_its_snapshot()
    {
        // More events of one entity than one table transaction holds (100 operations with the snapshot and index rows).
        const int Count = 200;
        var template = Samples.Valid(Edu)[0];
        var school = $"MV{Random.Shared.Next(100_000, 999_999)}";
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var events = Enumerable.Range(0, Count).Select(i =>
        {
            var evt = (JsonObject)template.DeepClone();
            evt["id"] = Guid.NewGuid().ToString();
            evt["time"] = start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
            evt["data"]!["schoolCode"] = school;
            return evt;
        }).Reverse().ToList(); // newest first, so the snapshot decision has to hold across the rounds

        using var response = await _hub.PostAsync(Edu, Samples.Batch(events), "application/cloudevents-batch+json");
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());

        using var reader = _hub.ReaderClient();
        var snapshot = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{Edu}/{school}"))!;
        Assert.Equal((string)events[0]["id"]!, (string?)snapshot["eventId"]);
        var history = await IocApi.GetAllPagesAsync(_hub, $"/api/snapshots/{Edu}/{school}/history?pageSize=100");
        Assert.Equal(Count, history.Items.Count);
    }
}

