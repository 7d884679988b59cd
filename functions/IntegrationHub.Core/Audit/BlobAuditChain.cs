using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.Audit;

/// <summary>
/// The audit chain in Blob storage, apart from the data: container <c>&lt;prefix&gt;-audit</c>, append blobs
/// <c>chain/&lt;segment&gt;.jsonl</c> of canonical JSON lines, <see cref="AuditOptions.SegmentRecords"/> records each (the
/// segment of a record follows from its sequence number). Every block is appended on the condition that the segment still
/// ends where this writer last saw the head, so concurrent writers cannot fork the chain: the loser re-reads the head and
/// chains after it. Checkpoints go to <c>&lt;prefix&gt;-audit-checkpoints</c>, one append blob per month.
/// </summary>
public sealed class BlobAuditChain
{
    public const string SegmentFolder = "chain/";
    public const string CheckpointFolder = "checkpoints/";
    private const int TailWindow = 64 * 1024;
    private readonly BlobContainerClient _chain;
    private readonly BlobContainerClient _checkpoints;
    private readonly AuditOptions _options;
    private AuditHead? _head;

    public BlobAuditChain(BlobServiceClient service, StorageOptions storage, AuditOptions options)
    {
        _chain = service.GetBlobContainerClient(storage.ContainerPrefix + "-audit");
        _checkpoints = service.GetBlobContainerClient(storage.ContainerPrefix + "-audit-checkpoints");
        _options = options;
    }

    public BlobContainerClient ChainContainer => _chain;

    public BlobContainerClient CheckpointContainer => _checkpoints;

    public static string SegmentName(long segment) => SegmentFolder + segment.ToString("D10", CultureInfo.InvariantCulture) + ".jsonl";

    public async Task CreateContainersAsync(CancellationToken cancellationToken)
    {
        await Guard(() => _chain.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Guard(() => _checkpoints.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Appends <paramref name="entries"/> in order after the chain's head, in as few blocks as segment boundaries allow,
    /// and returns the records written. Durable when it returns.
    /// </summary>
    /// <exception cref="AuditUnavailableException">Other writers kept winning for <see cref="AuditOptions.MaxAppendAttempts"/> attempts.</exception>
    /// <exception cref="StorageUnavailableException">Blob storage cannot be reached.</exception>
    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var written = new List<AuditRecord>(entries.Count);
        var attempts = 0;
        while (written.Count < entries.Count)
        {
            AuditHead head;
            try
            {
                head = _head ?? await ReadHeadAsync(cancellationToken);
            }
            catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound")
            {
                await CreateContainersAsync(cancellationToken);
                continue;
            }

            var segment = head.Sequence / _options.SegmentRecords;
            var roomInSegment = (int)((segment + 1) * _options.SegmentRecords - head.Sequence);
            var take = Math.Min(Math.Min(roomInSegment, _options.MaxRecordsPerBlock), entries.Count - written.Count);
            var records = new List<AuditRecord>(take);
            var previous = head.Hash;
            using var block = new MemoryStream();
            for (var i = 0; i < take; i++)
            {
                var record = AuditRecord.Create(entries[written.Count + i], head.Sequence + i + 1, previous);
                records.Add(record);
                block.Write(record.ToLine());
                previous = record.Hash;
            }

            var position = segment == head.Segment ? head.Length : 0;
            if (await TryAppendAsync(segment, position, block.ToArray(), cancellationToken) is { } length)
            {
                _head = new AuditHead(records[^1].Sequence, records[^1].Hash, segment, length);
                written.AddRange(records);
                attempts = 0;
                continue;
            }

            _head = null;
            if (++attempts >= _options.MaxAppendAttempts)
            {
                throw new AuditUnavailableException($"The audit chain's head moved {attempts} times in a row; the record was not appended.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempts, 10))), cancellationToken);
        }

        return written;
    }

    /// <summary>Creates the containers and learns the head, so that the first request's record costs one append.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await CreateContainersAsync(cancellationToken);
        var head = await ReadHeadAsync(cancellationToken);

        // Unless an append got there first (the writer's own head is the newer one).
        Interlocked.CompareExchange(ref _head, head, null);
    }

    /// <summary>The chain's last record as stored now (not as this writer last saw it).</summary>
    public async Task<AuditHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var segments = await ListSegmentsAsync(cancellationToken);
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var (line, length) = await ReadLastLineAsync(_chain.GetAppendBlobClient(segments[i]), cancellationToken);
            if (line is not null)
            {
                var content = JsonNode.Parse(line)!.AsObject();
                return new AuditHead((long)content["seq"]!, (string)content["hash"]!, SegmentNumber(segments[i]), length);
            }
        }

        return AuditHead.Empty;
    }

    public async Task<IReadOnlyList<string>> ListSegmentsAsync(CancellationToken cancellationToken) =>
        await Guard(async () =>
        {
            var names = new List<string>();
            await foreach (var blob in _chain.GetBlobsAsync(new GetBlobsOptions { Prefix = SegmentFolder }, cancellationToken))
            {
                names.Add(blob.Name);
            }

            names.Sort(StringComparer.Ordinal);
            return names;
        });

    /// <summary>Appends a checkpoint to this month's checkpoint blob.</summary>
    public async Task AppendCheckpointAsync(AuditCheckpointRecord checkpoint, CancellationToken cancellationToken)
    {
        var blob = _checkpoints.GetAppendBlobClient(CheckpointFolder + checkpoint.Time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) + ".jsonl");
        await Guard(() => blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        var line = CanonicalJson.Serialize(new JsonObject
        {
            ["seq"] = checkpoint.Sequence,
            ["hash"] = checkpoint.Hash,
            ["time"] = checkpoint.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        });
        await Guard(() => blob.AppendBlockAsync(new MemoryStream([.. line, (byte)'\n']), cancellationToken: cancellationToken));
    }

    /// <summary>The newest checkpoint, or null when none was written yet.</summary>
    public async Task<AuditCheckpointRecord?> ReadLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        var names = await Guard(async () =>
        {
            var list = new List<string>();
            await foreach (var blob in _checkpoints.GetBlobsAsync(new GetBlobsOptions { Prefix = CheckpointFolder }, cancellationToken))
            {
                list.Add(blob.Name);
            }

            list.Sort(StringComparer.Ordinal);
            return list;
        });
        for (var i = names.Count - 1; i >= 0; i--)
        {
            var (line, _) = await ReadLastLineAsync(_checkpoints.GetAppendBlobClient(names[i]), cancellationToken);
            if (line is not null)
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                return new AuditCheckpointRecord(root.GetProperty("seq").GetInt64(), root.GetProperty("hash").GetString()!,
                    root.GetProperty("time").GetDateTimeOffset());
            }
        }

        return null;
    }

    /// <returns>The segment's length after the append, or null when the segment did not end at <paramref name="position"/>.</returns>
    private async Task<long?> TryAppendAsync(long segment, long position, byte[] block, CancellationToken cancellationToken)
    {
        var blob = _chain.GetAppendBlobClient(SegmentName(segment));
        if (position == 0)
        {
            try
            {
                await Guard(() => blob.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken));
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Created by another writer (or by an attempt of ours that failed before its first block): the position decides.
            }
        }

        try
        {
            var result = await Guard(() => blob.AppendBlockAsync(new MemoryStream(block), new AppendBlobAppendBlockOptions
            {
                Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position },
            }, cancellationToken));
            return position + block.Length;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static async Task<(string? Line, long Length)> ReadLastLineAsync(AppendBlobClient blob, CancellationToken cancellationToken)
    {
        var length = (await Guard(() => blob.GetPropertiesAsync(cancellationToken: cancellationToken))).Value.ContentLength;
        if (length == 0)
        {
            return (null, 0);
        }

        for (long window = TailWindow; ; window *= 4)
        {
            var offset = Math.Max(0, length - window);
            var content = (await Guard(() => blob.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length - offset) }, cancellationToken)))
                .Value.Content.ToMemory();
            var text = content.Span[..^1]; // every line ends with '\n'
            var start = text.LastIndexOf((byte)'\n');
            if (start >= 0 || offset == 0)
            {
                return (Encoding.UTF8.GetString(text[(start + 1)..]), length);
            }
        }
    }

    private static long SegmentNumber(string name) =>
        long.Parse(name.AsSpan(SegmentFolder.Length, name.Length - SegmentFolder.Length - ".jsonl".Length), CultureInfo.InvariantCulture);

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Blob", call);
}
