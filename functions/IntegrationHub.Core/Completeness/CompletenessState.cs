namespace IntegrationHub.Core.Completeness;

/// <summary>
/// The state of a sender (or a feed, its worst sender) from its latest due period: <see cref="OnTime"/>, <see cref="Late"/>,
/// <see cref="Missing"/>, <see cref="Silent"/> (the last <see cref="CompletenessOptions.SilentPeriods"/> due periods all
/// missing) or <see cref="Unknown"/> (no period due yet).
/// </summary>
public static class CompletenessState
{
    public const string OnTime = "onTime";
    public const string Late = "late";
    public const string Missing = "missing";
    public const string Silent = "silent";
    public const string Unknown = "unknown";

    /// <summary>Worse states rank higher; a feed takes its worst sender's state.</summary>
    public static int Rank(string state) => state switch
    {
        Silent => 4,
        Missing => 3,
        Late => 2,
        OnTime => 1,
        _ => 0,
    };
}
