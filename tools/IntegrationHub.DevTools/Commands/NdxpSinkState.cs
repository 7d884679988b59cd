using System.Security.Cryptography;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// What the sink received, by idempotency key (so duplicates show), the faults it was told to answer with, and the tokens
/// it issued. Thread-safe: Kestrel calls in from many requests at once.
/// </summary>
internal sealed class NdxpSinkState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Received> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private (int Status, int Remaining, int RetryAfterSeconds)? _fault;
    private (int DelayMs, int Remaining)? _slow;
    private long _posts;
    private long _refused;
    private long _tokensIssued;
    private long _unauthorized;

    /// <summary>Answer <paramref name="status"/> to the next <paramref name="count"/> event POSTs.</summary>
    public void Fail(int status, int count, int retryAfterSeconds)
    {
        lock (_gate)
        {
            _fault = (status, count, retryAfterSeconds);
        }
    }

    /// <summary>Wait <paramref name="delayMs"/> before answering each of the next <paramref name="count"/> event POSTs.</summary>
    public void Slow(int delayMs, int count)
    {
        lock (_gate)
        {
            _slow = (delayMs, count);
        }
    }

    /// <summary>The fault and delay for this POST, each used up once.</summary>
    public (int? Status, int RetryAfterSeconds, int DelayMs) Next()
    {
        lock (_gate)
        {
            _posts++;
            int? status = null;
            var retryAfter = 0;
            var delay = 0;
            if (_fault is { Remaining: > 0 } fault)
            {
                status = fault.Status;
                retryAfter = fault.RetryAfterSeconds;
                _fault = fault with { Remaining = fault.Remaining - 1 };
                _refused++;
            }

            if (_slow is { Remaining: > 0 } slow)
            {
                delay = slow.DelayMs;
                _slow = slow with { Remaining = slow.Remaining - 1 };
            }

            return (status, retryAfter, delay);
        }
    }

    /// <summary>Records an accepted event; true when its key was new.</summary>
    public bool Accept(string key, string eventId, string? type, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var seen))
            {
                _byKey[key] = seen with { Count = seen.Count + 1 };
                return false;
            }

            _byKey[key] = new Received(key, eventId, type, 1, at);
            _order.Add(key);
            return true;
        }
    }

    public string IssueToken(DateTimeOffset expiresAt)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            _tokens[token] = expiresAt;
            _tokensIssued++;
        }

        return token;
    }

    public bool IsValidToken(string token, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var expiresAt) && expiresAt > now;
        }
    }

    /// <summary>Counts a POST refused for its token.</summary>
    public void Unauthorized()
    {
        lock (_gate)
        {
            _unauthorized++;
        }
    }

    /// <summary>Makes every issued token invalid (the next POSTs get 401).</summary>
    public void RevokeTokens()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byKey.Clear();
            _order.Clear();
            _fault = null;
            _slow = null;
            _posts = 0;
            _refused = 0;
            _unauthorized = 0;
        }
    }

    public object Report()
    {
        lock (_gate)
        {
            var events = _order.Select(k => _byKey[k]).ToArray();
            return new
            {
                posts = _posts,
                refused = _refused,
                accepted = events.Sum(e => e.Count),
                unique = events.Length,
                duplicates = events.Sum(e => e.Count - 1),
                unauthorized = _unauthorized,
                tokensIssued = _tokensIssued,
                events,
            };
        }
    }

    /// <summary>One idempotency key as received: the event id it carried, how many times it came, and when first.</summary>
    public sealed record Received(string Key, string EventId, string? Type, int Count, DateTimeOffset FirstReceivedAt);
}
