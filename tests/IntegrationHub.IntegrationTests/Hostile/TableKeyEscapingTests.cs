using Azure.Data.Tables;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Hostile;

/// <summary>
/// The contracts' key patterns already refuse characters Table storage forbids in keys (the corpus's entity-key cases);
/// should a contract ever allow them, <see cref="TableKeys"/> still turns them into keys Azurite accepts, one per subject.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class TableKeyEscapingTests(SharedStackFixture fixture)
{
    private static readonly string[] Forbidden =
        ["/", "\\", "#", "?", "\t", "\n", "\r", "\0", "\u0001", "\u001f", "\u007f", "\u0085", "\u009f"];

    [Fact]
    public async Task Subjects_with_characters_forbidden_in_table_keys_become_distinct_keys_that_azurite_stores_and_finds()
    {
        var table = new TableServiceClient(fixture.Stack.StorageConnectionString).GetTableClient("keys" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        var subjects = Forbidden.Select(c => $"25{c}01").Append("25%2F01").Append("25/01/../..").ToList();
        var keys = subjects.Select(s => (Partition: TableKeys.EntityPartition("edu.school-status", s), Row: TableKeys.SnapshotRowKey(s))).ToList();

        Assert.Equal(subjects.Count, keys.Distinct().Count());
        foreach (var (subject, key) in subjects.Zip(keys))
        {
            Assert.DoesNotContain(key.Row, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
            await table.AddEntityAsync(new TableEntity(key.Partition, key.Row) { ["Subject"] = subject });
        }

        foreach (var (subject, key) in subjects.Zip(keys))
        {
            var row = await table.GetEntityAsync<TableEntity>(key.Partition, key.Row);
            Assert.Equal(subject, row.Value.GetString("Subject"));
        }

        await table.DeleteAsync();
    }
}
