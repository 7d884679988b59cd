using System.IO.Compression;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>hubdev zip &lt;folder&gt; &lt;zip&gt;</c>: zips a folder keeping each file's Unix mode, so the executable stays executable
/// after Azure unpacks the package (a lost executable bit is a known cause of custom handlers failing to start).
/// </summary>
internal static class ZipCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: hubdev zip <folder> <zip>");
            return Task.FromResult(2);
        }

        var folder = Path.GetFullPath(args[0]);
        File.Delete(args[1]);
        using var archive = ZipFile.Open(args[1], ZipArchiveMode.Create);
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
