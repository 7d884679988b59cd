using System.IO.Compression;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>hubdev zip &lt;folder&gt; &lt;zip&gt;</c>: zips a folder keeping each file's Unix mode, so the executable stays executable
/// after Azure unpacks the package (a lost executable bit is a known cause of custom handlers failing to start).
/// </summary>
internal static class ZipCommand
{
    public static Task<int> RunAsync(string source, string zip)
    {
        if (!Directory.Exists(source))
        {
            Console.Error.WriteLine($"hubdev zip: folder '{source}' does not exist");
            return Task.FromResult(2);
        }

        var folder = Path.GetFullPath(source);
        File.Delete(zip);
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var entry = archive.CreateEntryFromFile(file, Path.GetRelativePath(folder, file).Replace('\\', '/'), CompressionLevel.Optimal);
            if (!OperatingSystem.IsWindows())
            {
                // Regular file type plus the permission bits, in the high 16 bits as Info-ZIP writes them.
                entry.ExternalAttributes = (int)((0x8000u | (uint)File.GetUnixFileMode(file)) << 16);
            }
        }

        return Task.FromResult(0);
    }
}
