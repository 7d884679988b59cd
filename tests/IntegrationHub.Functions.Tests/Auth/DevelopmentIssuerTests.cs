using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>The development issuer's key is created once, shared by whoever needs it first, and its tokens look like Entra ID v2 app-only tokens.</summary>
public sealed class DevelopmentIssuerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"hub-issuer-{Guid.NewGuid():N}", "issuer");

    [Fact]
    public void The_key_is_created_on_first_use_and_reused_after()
    {
        string first;
        using (var key = DevelopmentIssuerKey.LoadSigningKey(_folder))
        {
            first = key.KeyId;
        }

        using var again = DevelopmentIssuerKey.LoadSigningKey(_folder);
        Assert.Equal(first, again.KeyId);
        Assert.Equal(first, Assert.Single(DevelopmentIssuerKey.LoadPublicKeys(_folder)).KeyId);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, DevelopmentIssuerKey.PrivateKeyFile)));
        }
    }

    [Fact]
    public async Task Processes_creating_the_key_at_the_same_time_end_up_with_one_key()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var key = DevelopmentIssuerKey.LoadSigningKey(_folder);
            return key.KeyId;
        })));

        Assert.Single(ids.Distinct());
        Assert.Equal(ids[0], Assert.Single(DevelopmentIssuerKey.LoadPublicKeys(_folder)).KeyId);
        Assert.Equal([_folder], Directory.GetDirectories(Path.GetDirectoryName(_folder)!));
    }

    [Fact]
    public void A_folder_holding_half_a_key_is_refused_rather_than_overwritten()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, DevelopmentIssuerKey.JwksFile), """{"keys":[]}""");

        var error = Assert.Throws<InvalidDataException>(() => DevelopmentIssuerKey.LoadSigningKey(_folder));

        Assert.Contains("delete the folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_carries_the_claims_of_an_entra_v2_app_only_token()
    {
        using var key = DevelopmentIssuerKey.LoadSigningKey(_folder);
        var issuedAt = DateTimeOffset.UtcNow;
        var issuer = DevelopmentTokenIssuer.IssuerFor("https://login.dev.integrationhub.local/", "25000000-0000-4000-8000-000000000000");

        var token = new DevelopmentTokenIssuer(key).Issue(issuer, "25000000-0000-4000-8000-000000000001", "25000000-0000-4000-8000-000000000000",
            "25000000-0000-4000-a000-000000000011", ["Feeds.Publish.edu.school-status"], issuedAt, TimeSpan.FromHours(1));

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var header = Decode(parts[0]);
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.Equal(key.KeyId, (string?)header["kid"]);
        var claims = Decode(parts[1]);
        Assert.Equal("https://login.dev.integrationhub.local/25000000-0000-4000-8000-000000000000/v2.0", (string?)claims["iss"]);
        Assert.Equal("25000000-0000-4000-8000-000000000001", (string?)claims["aud"]);
        Assert.Equal("25000000-0000-4000-a000-000000000011", (string?)claims["azp"]);
        Assert.Equal("25000000-0000-4000-8000-000000000000", (string?)claims["tid"]);
        Assert.Equal("2.0", (string?)claims["ver"]);
        Assert.Equal(["Feeds.Publish.edu.school-status"], claims["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(issuedAt.ToUnixTimeSeconds() + 3600, (long?)claims["exp"]);
        Assert.Equal((long?)claims["iat"], (long?)claims["nbf"]);
        Assert.NotEqual((string?)claims["azp"], (string?)claims["oid"]);
    }

    public void Dispose()
    {
        var parent = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    private static JsonObject Decode(string segment) => JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment)))!.AsObject();
}
