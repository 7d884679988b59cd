using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>The message and the whole exception text, as a log sink would write them.</summary>
    public string FullText => Message + Environment.NewLine + Exception;
}
