using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The development issuer's RS256 signing key, kept on the developer's machine in a git-ignored folder:
/// <c>signing-key.pem</c> (PKCS#8 private key, read by <c>hubdev token</c>) and <c>jwks.json</c> (the public key, read by
/// the hub). Whoever needs it first (the hub starting in Development, or <c>dev/token</c>) creates it, so they work in any order.
/// This file is compiled into both the hub and hubdev.
/// </summary>
public sealed class DevelopmentIssuerKey : IDisposable
{
    public const string PrivateKeyFile = "signing-key.pem";
    public const string JwksFile = "jwks.json";

    private DevelopmentIssuerKey(RSA rsa, string keyId)
    {
        Rsa = rsa;
        KeyId = keyId;
    }

    /// <summary>The key id (<c>kid</c>): the RFC 7638 thumbprint of the public key.</summary>
    public string KeyId { get; }

    /// <summary>The private key; signs tokens.</summary>
    public RSA Rsa { get; }

    /// <summary>The private key of the folder, created on first use.</summary>
    public static DevelopmentIssuerKey LoadSigningKey(string folder)
    {
        EnsureCreated(folder);
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(folder, PrivateKeyFile)));
        return new DevelopmentIssuerKey(rsa, Thumbprint(rsa.ExportParameters(false)));
    }

    /// <summary>The public keys the hub trusts (the folder's JWKS), creating the folder on first use.</summary>
    public static IReadOnlyList<(string KeyId, RSAParameters PublicKey)> LoadPublicKeys(string folder)
    {
        EnsureCreated(folder);
        var path = Path.Combine(folder, JwksFile);
        var keys = new List<(string, RSAParameters)>();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var key in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (key.GetProperty("kty").GetString() != "RSA")
            {
                continue;
            }

            var parameters = new RSAParameters
            {
                Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
                Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
            };
            keys.Add((key.TryGetProperty("kid", out var kid) ? kid.GetString()! : Thumbprint(parameters), parameters));
        }

        return keys.Count > 0 ? keys : throw new InvalidDataException($"{path} holds no RSA key; delete the folder to generate a new key.");
    }

    /// <summary>
    /// Creates the key pair unless the folder already holds one. The files are written into a private temporary folder that
    /// is then renamed, so a hub and a <c>dev/token</c> starting together never see half a key or two different keys.
    /// </summary>
    public static void EnsureCreated(string folder)
    {
        folder = Path.GetFullPath(folder);
        if (File.Exists(Path.Combine(folder, PrivateKeyFile)) && File.Exists(Path.Combine(folder, JwksFile)))
        {
            return;
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new InvalidDataException($"{folder} lacks {PrivateKeyFile} or {JwksFile}; delete the folder to generate a new development signing key.");
        }

        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(folder)}.{Guid.NewGuid():N}");
        var created = Directory.CreateDirectory(staging);
        if (!OperatingSystem.IsWindows())
        {
            created.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        try
        {
            using var rsa = RSA.Create(2048);
            var pem = Path.Combine(staging, PrivateKeyFile);
            File.WriteAllText(pem, rsa.ExportPkcs8PrivateKeyPem() + "\n", Encoding.ASCII);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(pem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(Path.Combine(staging, JwksFile), Jwks(rsa.ExportParameters(false)));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder);
            }

            Directory.Move(staging, folder);
        }
        catch (IOException) when (File.Exists(Path.Combine(folder, JwksFile)))
        {
            // Another process created the key at the same moment: use theirs.
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>The public key as a JWK set (RFC 7517), the form an OpenID Connect issuer publishes at its jwks_uri.</summary>
    public static string Jwks(RSAParameters publicKey)
    {
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = Thumbprint(publicKey),
                ["n"] = Base64Url.EncodeToString(publicKey.Modulus),
                ["e"] = Base64Url.EncodeToString(publicKey.Exponent),
            }),
        };
        return jwks.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>RFC 7638 JWK thumbprint: SHA-256 over the required members in lexicographic order, without whitespace.</summary>
    public static string Thumbprint(RSAParameters publicKey)
    {
        var canonical = $"{{\"e\":\"{Base64Url.EncodeToString(publicKey.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64Url.EncodeToString(publicKey.Modulus)}\"}}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public void Dispose() => Rsa.Dispose();
}
