using System.Buffers.Text;
using System.Text.Json;

namespace IntegrationHub.Core.AsOf;

/// <summary>
/// The continuation of an as-of answer: the checkpoint the first page resolved (so every page reads the same one) and the
/// key of the last entity handed out; bound to the feed, instant and commune it was issued for. Opaque to callers.
/// </summary>
internal sealed record AsOfContinuation(string Feed, long AsOf, string? Commune, long? Cutoff, string Partition, string Row)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <exception cref="ArgumentException">Not a token issued for this query.</exception>
    public static AsOfContinuation? Decode(AsOfQuery query)
    {
        if (string.IsNullOrEmpty(query.ContinuationToken))
        {
            return null;
        }

        AsOfContinuation? token;
        try
        {
            token = JsonSerializer.Deserialize<AsOfContinuation>(Base64Url.DecodeFromChars(query.ContinuationToken), Json);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(query), e);
        }

        return token is not null && token.Feed == query.FeedId && token.AsOf == query.AsOf.UtcTicks && token.Commune == query.Commune
            && token.Partition is not null && token.Row is not null
            ? token
            : throw new ArgumentException("The continuation token was issued for another query.", nameof(query));
    }
}
