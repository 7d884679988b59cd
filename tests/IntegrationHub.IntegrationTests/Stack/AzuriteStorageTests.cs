using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Stack;

/// <summary>The storage operations the hub relies on, against the stack's real Azurite.</summary>
[Collection(StackCollection.Name)]
public sealed class AzuriteStorageTests(SharedStackFixture fixture)
{
    [Fact]
    public async Task Table_transaction_of_two_entities_commits_both_and_reads_back()
    {
        var table = await CreateTableAsync();
        const string partition = "school-0001";
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity(partition, "snapshot") { ["Status"] = "open" }),
            new(TableTransactionActionType.Add, new TableEntity(partition, "history-0001") { ["Status"] = "open" }),
        ];

        var response = await table.SubmitTransactionAsync(actions);

        Assert.Equal(2, response.Value.Count);
        var rows = await ReadPartitionAsync(table, partition);
        Assert.Equal(["history-0001", "snapshot"], rows.Select(r => r.RowKey).Order());
        Assert.All(rows, row => Assert.Equal("open", row.GetString("Status")));
    }

    [Fact]
    public async Task Table_transaction_with_one_conflicting_entity_commits_nothing()
    {
        var table = await CreateTableAsync();
        const string partition = "school-0002";
        await table.AddEntityAsync(new TableEntity(partition, "existing"));
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity(partition, "new")),
            new(TableTransactionActionType.Add, new TableEntity(partition, "existing")),
        ];

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));

        Assert.Equal(409, failure.Status);
        Assert.Equal(["existing"], (await ReadPartitionAsync(table, partition)).Select(r => r.RowKey));
    }

    [Fact]
    public async Task Blob_upload_with_IfNoneMatch_star_creates_once_then_conflicts()
    {
        var container = new BlobContainerClient(fixture.Stack.StorageConnectionString, "archive-" + Guid.NewGuid().ToString("N"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("sha256/ab/abcdef.json");
        var onlyIfAbsent = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };

        await blob.UploadAsync(BinaryData.FromString("""{"first":true}"""), onlyIfAbsent);
        var conflict = await Assert.ThrowsAsync<RequestFailedException>(
            () => blob.UploadAsync(BinaryData.FromString("""{"second":true}"""), onlyIfAbsent));

        Assert.Equal(409, conflict.Status);
        Assert.Equal("BlobAlreadyExists", conflict.ErrorCode);
        var stored = await blob.DownloadContentAsync();
        Assert.Equal("""{"first":true}""", stored.Value.Content.ToString());
    }

    private async Task<TableClient> CreateTableAsync()
    {
        var table = new TableServiceClient(fixture.Stack.StorageConnectionString)
            .GetTableClient("t" + Guid.NewGuid().ToString("N")[..16]);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static async Task<List<TableEntity>> ReadPartitionAsync(TableClient table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
