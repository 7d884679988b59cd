using System.Globalization;

namespace IntegrationHub.DevTools.Commands;

/// <summary>The options of <c>dev/load</c>; defaults are those of <c>dev/up</c>.</summary>
internal sealed record LoadOptions(
    Uri Hub,
    double Rate,
    TimeSpan Duration,
    int Clients,
    int Batch,
    string Storage,
    string TablePrefix,
    string Amqp,
    TimeSpan Settle)
{
    /// <summary>Azurite's well-known development account on dev/up's ports.</summary>
    public const string DevelopmentStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public const string Usage = """
        usage: dev/load [--rate 200] [--duration 60s] [--clients 8] [--batch 50] [--hub http://127.0.0.1:7071]
                        [--storage CONNECTION] [--table-prefix Hub] [--amqp amqp://guest:guest@127.0.0.1:5672] [--settle 90s]

          --rate          events per second to send, all feeds together (batches are paced to it)
          --duration      how long to send: 90s, 5m, 1h
          --clients       concurrent HTTP clients (at most this many requests in flight)
          --batch         events per request (application/cloudevents-batch+json)
          --storage       the hub's storage connection string, to count history rows (default: dev/up's Azurite)
          --table-prefix  the hub's Hub:Storage:TablePrefix
          --amqp          the broker, to drain the ioc queue of every feed's topic and count the messages
          --settle        how long to wait after the load for the last messages (the outbox relay runs every 30 s)

        Drains the ioc queues: run it against a development stack, not one whose consumers must see the messages.
        Exit code 0 when every acknowledged event has its history row and its message, 1 otherwise.
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions(new Uri("http://127.0.0.1:7071"), 200, TimeSpan.FromSeconds(60), 8, 50, DevelopmentStorage, "Hub",
            "amqp://guest:guest@127.0.0.1:5672", TimeSpan.FromSeconds(90));
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--hub" => options with { Hub = new Uri(value) },
                "--rate" => options with { Rate = Positive(double.Parse(value, CultureInfo.InvariantCulture), "--rate") },
                "--duration" => options with { Duration = ParseDuration(value, "--duration") },
                "--clients" => options with { Clients = (int)Positive(int.Parse(value, CultureInfo.InvariantCulture), "--clients") },
                "--batch" => options with { Batch = (int)Positive(int.Parse(value, CultureInfo.InvariantCulture), "--batch") },
                "--storage" => options with { Storage = value },
                "--table-prefix" => options with { TablePrefix = value },
                "--amqp" => options with { Amqp = value },
                "--settle" => options with { Settle = ParseDuration(value, "--settle") },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return options;
    }

    private static double Positive(double value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive");

    private static TimeSpan ParseDuration(string text, string name)
    {
        var unit = text[^1];
        var number = char.IsAsciiDigit(unit) ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            throw new ArgumentException($"{name} '{text}' is not a duration such as 90s, 5m or 1h");
        }

        return unit switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            's' or (>= '0' and <= '9') => TimeSpan.FromSeconds(amount),
            _ => throw new ArgumentException($"{name} '{text}' is not a duration such as 90s, 5m or 1h"),
        };
    }
}
