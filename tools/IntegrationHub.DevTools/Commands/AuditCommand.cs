using Azure.Identity;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/audit verify</c>: walks the audit chain and the archive blobs it names (<see cref="AuditVerifier"/>) and prints what
/// it found. Exit 0 intact, 1 tampering found, 2 storage unreachable.
/// </summary>
internal static class AuditCommand
{
    public static async Task<int> VerifyAsync(string? connectionString, Uri? blobServiceUri, string containerPrefix, TextWriter output, TextWriter errors,
        CancellationToken cancellationToken)
    {
        var service = blobServiceUri is not null
            ? new BlobServiceClient(blobServiceUri, new DefaultAzureCredential())
            : new BlobServiceClient(connectionString ?? "UseDevelopmentStorage=true");
        var storage = new StorageOptions { ContainerPrefix = containerPrefix };
        var verifier = new AuditVerifier(new BlobAuditChain(service, storage, new AuditOptions()), AuditVerifier.ArchiveContainer(service, storage));
        AuditVerification result;
        try
        {
            result = await verifier.VerifyAsync(cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            await errors.WriteLineAsync("dev/audit: " + e.Message);
            return 2;
        }

        await output.WriteLineAsync($"chain: {result.Records} records, head seq {result.HeadSequence}");
        await output.WriteLineAsync(result.Checkpoint is { } c
            ? $"checkpoint: seq {c.Sequence} at {c.Time:O}"
            : "checkpoint: none yet (truncation cannot be judged)");
        await output.WriteLineAsync($"archive: {result.ArchiveBlobsChecked} blobs checked, {result.ArchiveBlobsPurged} purged by retention");
        foreach (var finding in result.Findings)
        {
            await output.WriteLineAsync($"TAMPERED {finding.Kind} at position {finding.Position} (seq {finding.Sequence}): {finding.Detail}");
        }

        await output.WriteLineAsync(result.IsIntact ? "OK: the chain and the archive blobs it names are intact" : $"FAILED: {result.Findings.Count} finding(s)");
        return result.IsIntact ? 0 : 1;
    }
}
