using System.Buffers.Text;
using System.Text;

namespace IntegrationHub.Core.Storage;

/// <summary>Continuation tokens handed to API callers: the SDK's token, base64url-encoded, opaque to them.</summary>
internal static class TableContinuation
{
    public static string? Encode(string? sdkToken) =>
        string.IsNullOrEmpty(sdkToken) ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sdkToken));

    /// <exception cref="ArgumentException">Not a token the hub issued.</exception>
    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), e);
        }
    }
}
