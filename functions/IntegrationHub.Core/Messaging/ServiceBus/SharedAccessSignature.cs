using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Builds Service Bus shared access signature tokens
/// (<c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…&amp;skn=…</c>).
/// </summary>
/// <remarks>
/// The string to sign is the URL-encoded resource URI, a line feed and the expiry in Unix seconds;
/// the HMAC-SHA256 key is the UTF-8 bytes of the key text as configured (it is not base64-decoded).
/// Encoding uses <see cref="WebUtility.UrlEncode(string)"/>, which writes upper-case hex like the Azure SDK:
/// the signature covers the encoded text, so the hex case must never change between signing and sending.
/// </remarks>
public static class SharedAccessSignature
{
    /// <summary>Service Bus rejects key names and keys longer than this.</summary>
    public const int MaximumKeyLength = 256;

    private const string TokenPrefix = "SharedAccessSignature ";

    /// <summary>Creates a token for <paramref name="resourceUri"/> that expires at <paramref name="expiresAt"/>.</summary>
    /// <param name="resourceUri">The resource the token grants access to, e.g. <c>amqps://ns.servicebus.windows.net/topic</c>.</param>
    /// <param name="keyName">The shared access policy name.</param>
    /// <param name="key">The policy's key text.</param>
    /// <param name="expiresAt">The expiry; truncated to whole seconds.</param>
    public static string Create(string resourceUri, string keyName, string key, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (keyName.Length > MaximumKeyLength)
        {
            throw new ArgumentOutOfRangeException(nameof(keyName), $"The shared access key name must be at most {MaximumKeyLength} characters.");
        }

        if (key.Length > MaximumKeyLength)
        {
            // The message must not carry the key itself.
            throw new ArgumentOutOfRangeException(nameof(key), $"The shared access key must be at most {MaximumKeyLength} characters.");
        }

        var expirySeconds = expiresAt.ToUnixTimeSeconds();
        if (expirySeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "The expiry must be after 1970-01-01T00:00:00Z.");
        }

        var encodedResource = WebUtility.UrlEncode(resourceUri);
        var expiry = expirySeconds.ToString(CultureInfo.InvariantCulture);
        var signature = ComputeSignature(encodedResource + "\n" + expiry, key);

        return TokenPrefix
            + "sr=" + encodedResource
            + "&sig=" + WebUtility.UrlEncode(signature)
            + "&se=" + expiry
            + "&skn=" + WebUtility.UrlEncode(keyName);
    }

    /// <summary>The base64 HMAC-SHA256 of <paramref name="stringToSign"/> keyed with the UTF-8 bytes of <paramref name="key"/>.</summary>
    internal static string ComputeSignature(string stringToSign, string key) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(stringToSign)));
}
