namespace IntegrationHub.Core.Completeness;

/// <summary>
/// The monitor's last judgement of one sender: <see cref="Condition"/> is <see cref="Ok"/>, <see cref="Silent"/> or
/// <see cref="LateStreak"/>; an alert is raised when it changes.
/// </summary>
public sealed record SenderAlertState(string Source, string Condition, DateTimeOffset Since, DateTimeOffset CheckedAt, string? ETag = null)
{
    public const string Ok = "ok";
    public const string Silent = "silent";
    public const string LateStreak = "lateStreak";
}
