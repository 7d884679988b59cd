using System.Text.Json;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Hostile;

/// <summary>
/// One case of the hostile corpus (<c>Hostile/corpus/&lt;name&gt;.json</c>): where and how the input is sent, the body
/// (a file beside the manifest, or a generator for the huge ones, built at test time) and the exact refusal expected.
/// </summary>
public sealed record HostileCase(
    string Name,
    string Description,
    string Feed,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string Token,
    string? BodyFile,
    string? Generator,
    bool Placeholders,
    int ExpectedStatus,
    string ExpectedType,
    IReadOnlyList<IReadOnlyList<string>>? ExpectedPointers)
{
    public static string Folder { get; } = Path.Combine(Samples.Root, "tests", "IntegrationHub.IntegrationTests", "Hostile", "corpus");

    public static IReadOnlyList<HostileCase> LoadAll() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(Load).ToList();

    public static HostileCase Load(string manifest)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        var root = document.RootElement;
        var expect = root.GetProperty("expect");
        var contentType = root.GetProperty("contentType");
        return new HostileCase(
            Path.GetFileNameWithoutExtension(manifest),
            root.GetProperty("description").GetString()!,
            root.GetProperty("feed").GetString()!,
            contentType.ValueKind == JsonValueKind.Null ? null : contentType.GetString(),
            root.TryGetProperty("headers", out var headers)
                ? headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            root.TryGetProperty("token", out var token) ? token.GetString()! : "owner",
            root.TryGetProperty("body", out var body) ? body.GetString() : null,
            root.TryGetProperty("generator", out var generator) ? generator.GetString() : null,
            root.TryGetProperty("placeholders", out var placeholders) && placeholders.GetBoolean(),
            expect.GetProperty("status").GetInt32(),
            expect.GetProperty("type").GetString()!,
            expect.TryGetProperty("pointers", out var pointers)
                ? pointers.EnumerateArray().Select(p => (IReadOnlyList<string>)p.EnumerateArray().Select(s => s.GetString()!).ToList()).ToList()
                : null);
    }

    /// <summary>The feed whose owner's token is sent (<c>owner</c>: the case's feed; <c>owner:&lt;feed&gt;</c>: another one).</summary>
    public string TokenFeed => Token.StartsWith("owner:", StringComparison.Ordinal) ? Token["owner:".Length..] : Feed;

    /// <summary>
    /// The bearer token: the owner's (see <see cref="TokenFeed"/>), or with <c>app:&lt;application&gt;:&lt;role&gt;,&lt;role&gt;…</c>
    /// a registered application's token holding exactly those roles.
    /// </summary>
    public string BearerToken(RunningHub hub)
    {
        if (!Token.StartsWith("app:", StringComparison.Ordinal))
        {
            return hub.PublisherToken(TokenFeed);
        }

        var parts = Token["app:".Length..].Split(':', 2);
        return hub.Token(parts[0], parts.Length > 1 ? parts[1].Split(',') : []);
    }

    /// <summary>The bytes to send (not for the slow-loris generator, which sends no whole body).</summary>
    public byte[] Body()
    {
        if (Generator is not null)
        {
            return HostileGenerators.Generate(Generator);
        }

        var bytes = File.ReadAllBytes(Path.Combine(Folder, BodyFile!));
        return Placeholders ? HostileGenerators.FillPlaceholders(bytes) : bytes;
    }

    public override string ToString() => Name;
}
