using System.CommandLine;
using IntegrationHub.DevTools.Commands;

namespace IntegrationHub.DevTools.Cli;

/// <summary>
/// Every hubdev verb, its options and their defaults, in one place; each command receives parsed, checked values. The dev/
/// scripts pass their arguments through unchanged, so the flags documented there are the ones defined here.
/// </summary>
internal static class HubDevCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("hubdev: the developer tools behind the dev/ scripts");
        root.Subcommands.Add(Validate());
        root.Subcommands.Add(SendSamples());
        root.Subcommands.Add(Token());
        root.Subcommands.Add(Zip());
        root.Subcommands.Add(Bench());
        root.Subcommands.Add(BenchAsOf());
        root.Subcommands.Add(Topology());
        root.Subcommands.Add(Compat());
        root.Subcommands.Add(HttpExamples());
        root.Subcommands.Add(Simulate());
        root.Subcommands.Add(Load());
        root.Subcommands.Add(NdxpSink());
        root.Subcommands.Add(Audit());
        root.Subcommands.Add(IocScreenshot());
        return root;
    }

    /// <summary>Parses and runs; a usage error is reported with exit code 2, apart from the commands' own failures (1).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var result = Build().Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync($"See: hubdev {(result.CommandResult.Command is RootCommand ? "" : result.CommandResult.Command.Name + " ")}--help");
            return 2;
        }

        return await result.InvokeAsync();
    }

    private static Command Validate()
    {
        var feed = new Argument<string>("feed") { Description = "the feed id, e.g. edu.school-status" };
        var file = new Argument<string>("file") { Description = "a JSON file holding one CloudEvent or an array of them" };
        var command = new Command("validate", "validate events offline exactly as the hub does; one JSON result per event") { feed, file };
        command.SetAction((result, _) => ValidateCommand.RunAsync(result.GetValue(feed)!, result.GetValue(file)!));
        return command;
    }

    private static Command SendSamples()
    {
        var hub = Options.Hub();
        var fresh = new Option<bool>("--fresh") { Description = "send the samples with new ids (otherwise a second run shows them as duplicates)" };
        var command = new Command("send-samples", "send every feed's valid samples to the hub") { hub, fresh };
        command.SetAction((result, _) => SendSamplesCommand.RunAsync(result.GetValue(hub)!, result.GetValue(fresh)));
        return command;
    }

    private static Command Token()
    {
        var role = new Option<string[]>("--role")
        {
            Description = "an app role: Feeds.Publish.<feed-id>, Snapshots.Read, Snapshots.Read.<restricted-feed-id> or Hub.Admin (repeatable)",
            Required = true,
        };
        var app = new Option<string?>("--app")
        {
            Description = "the sending application, by name or client id, from contracts/registry/senders.json. Default: the owner of the feed "
                + "of a Feeds.Publish role; hub-admin for Hub.Admin; otherwise ioc-reader",
        };
        var lifetime = Options.Duration("--lifetime", TimeSpan.FromHours(1), "how long the token is valid");
        var command = new Command("token", "a development access token for the hub, printed alone on stdout") { role, app, lifetime };
        command.SetAction(result => TokenCommand.Run(result.GetValue(role)!, result.GetValue(app), result.GetValue(lifetime), Console.Out, Console.Error));
        return command;
    }

    private static Command Zip()
    {
        var folder = new Argument<string>("folder") { Description = "the folder to pack" };
        var zip = new Argument<string>("zip") { Description = "the zip file to write" };
        var command = new Command("zip", "pack a folder into a zip (the Functions package)") { folder, zip };
        command.SetAction((result, _) => ZipCommand.RunAsync(result.GetValue(folder)!, result.GetValue(zip)!));
        return command;
    }

    private static Command Bench()
    {
        var hub = Options.Hub();
        var events = Options.PositiveInt("--events", 4000, "events to send");
        var clients = Options.PositiveInt("--clients", 8, "concurrent clients");
        var batch = Options.PositiveInt("--batch", 100, "events per request");
        var storage = Options.Text("--storage", LoadOptions.DevelopmentStorage, "the storage connection string (default: dev/up's Azurite)");
        var amqp = Options.Text("--amqp", "amqp://guest:guest@127.0.0.1:5672", "the broker");
        var rate = Options.PositiveNumber("--rate", 50, "offered rate of the single-event requests, events/s");
        var single = Options.Duration("--single-duration", TimeSpan.FromSeconds(20), "how long the single-event requests run");
        var persistence = Options.Text("--azurite", "default (LokiJS on disk, autosave)", "Azurite's persistence mode, printed with the figures");
        var command = new Command("bench", "raw floor (SDK), hub batches and hub single events in one run")
        {
            hub, events, clients, batch, rate, single, storage, amqp, persistence,
        };
        command.SetAction((result, _) => BenchCommand.RunAsync(result.GetValue(hub)!, result.GetValue(events), result.GetValue(clients), result.GetValue(batch),
            result.GetValue(rate), result.GetValue(single), result.GetValue(storage)!, result.GetValue(amqp)!, result.GetValue(persistence)!));
        return command;
    }

    private static Command BenchAsOf()
    {
        var entities = Options.PositiveInt("--entities", 2000, "entities of the feed");
        var updates = Options.PositiveInt("--updates", 10, "events per entity (the last round arrives after the checkpoint's cut-off)");
        var communes = Options.PositiveInt("--communes", 20, "communes the entities are spread over");
        var storage = Options.Text("--storage", LoadOptions.DevelopmentStorage, "the storage connection string (default: dev/up's Azurite)");
        var command = new Command("bench-as-of", "rows read and time of as-of queries with and without a checkpoint, against the raw floor")
        {
            entities, updates, communes, storage,
        };
        command.SetAction((result, _) => AsOfBenchCommand.RunAsync(result.GetValue(entities), result.GetValue(updates), result.GetValue(communes), result.GetValue(storage)!));
        return command;
    }

    private static Command Compat()
    {
        var oldSchema = new Argument<string>("old") { Description = "the released schema (OLD.schema.json)" };
        var newSchema = new Argument<string>("new") { Description = "the proposed schema (NEW.schema.json)" };
        var oldRules = new Option<string?>("--old-rules") { Description = "the released rules file, to compare the rules too" };
        var newRules = new Option<string?>("--new-rules") { Description = "the proposed rules file" };
        var command = new Command("compat", "exit 0 when NEW is backward compatible with OLD, 1 with each breaking change") { oldSchema, newSchema, oldRules, newRules };
        command.SetAction((result, _) =>
        {
            List<string> args = [result.GetValue(oldSchema)!, result.GetValue(newSchema)!];
            if (result.GetValue(oldRules) is { } o)
            {
                args.AddRange(["--old-rules", o]);
            }

            if (result.GetValue(newRules) is { } n)
            {
                args.AddRange(["--new-rules", n]);
            }

            return CompatCommand.RunAsync([.. args]);
        });
        return command;
    }

    private static Command HttpExamples()
    {
        var command = new Command("http-examples", "write docs/http/<feed-id>.http from each feed's valid samples");
        command.SetAction((_, _) => HttpExamplesCommand.RunAsync([]));
        return command;
    }

    private static Command Topology()
    {
        var rabbitmq = new Option<string?>("--rabbitmq") { Description = "also write the RabbitMQ definitions to this file" };
        var command = new Command("topology", "regenerate infra/topology.json from the catalogue") { rabbitmq };
        command.SetAction((result, _) => TopologyCommand.RunAsync(result.GetValue(rabbitmq)));
        return command;
    }

    private static Command Simulate()
    {
        var hub = Options.Hub();
        var scale = Options.PositiveNumber("--rate-scale", 1, "multiplies every feed's event rate");
        var silentFeed = Options.Text("--silent-feed", "land.parcel-record", "the feed that falls silent, so the dashboard shows a stale feed");
        var silentAfter = Options.Duration("--silent-after", TimeSpan.FromMinutes(3), "when that feed falls silent");
        var duration = Options.OptionalDuration("--duration", "stop after this long (default: until Ctrl-C)");
        var command = new Command("simulate", "keep the feeds alive for the IOC dashboard (dev/up --demo)") { hub, scale, silentFeed, silentAfter, duration };
        command.SetAction((result, _) => SimulateCommand.RunAsync(result.GetValue(hub)!, result.GetValue(scale), result.GetValue(silentFeed)!,
            result.GetValue(silentAfter), result.GetValue(duration)));
        return command;
    }

    private static Command IocScreenshot()
    {
        var hub = Options.Hub();
        var output = Options.Text("--out", "docs/ioc-dashboard.png", "where to save the screenshot (relative to the repository)");
        var language = Options.Text("--lang", "vi", "the page's language: vi or en");
        var command = new Command("ioc-screenshot", "a full-page screenshot of the /ioc dashboard of a running hub (dev/up --demo)") { hub, output, language };
        command.SetAction((result, _) => IocScreenshotCommand.RunAsync(result.GetValue(hub)!, result.GetValue(output)!, result.GetValue(language)!));
        return command;
    }

    private static Command Load()
    {
        var rate = Options.PositiveNumber("--rate", 200, "events per second to send, all feeds together (batches are paced to it)");
        var duration = Options.Duration("--duration", TimeSpan.FromSeconds(60), "how long to send");
        var clients = Options.PositiveInt("--clients", 8, "concurrent HTTP clients (at most this many requests in flight)");
        var batch = Options.PositiveInt("--batch", 50, "events per request (application/cloudevents-batch+json)");
        var hub = Options.Hub();
        var storage = Options.Text("--storage", LoadOptions.DevelopmentStorage, "the hub's storage connection string, to count history rows (default: dev/up's Azurite)");
        var tablePrefix = Options.Text("--table-prefix", "Hub", "the hub's Hub:Storage:TablePrefix");
        var amqp = Options.Text("--amqp", "amqp://guest:guest@127.0.0.1:5672", "the broker, to drain the ioc queue of every feed's topic and count the messages");
        var settle = Options.Duration("--settle", TimeSpan.FromSeconds(90), "how long to wait after the load for the last messages (the outbox relay runs every 30 s)");
        var command = new Command("load",
            "drive the hub at a rate, then reconcile by event id; drains the ioc queues, so use it on a development stack. Exit code 1 when anything acknowledged was lost")
        {
            rate, duration, clients, batch, hub, storage, tablePrefix, amqp, settle,
        };
        command.SetAction((result, _) => LoadCommand.RunAsync(new LoadOptions(result.GetValue(hub)!, result.GetValue(rate), result.GetValue(duration),
            result.GetValue(clients), result.GetValue(batch), result.GetValue(storage)!, result.GetValue(tablePrefix)!, result.GetValue(amqp)!,
            result.GetValue(settle))));
        return command;
    }

    private static Command NdxpSink()
    {
        var port = new Option<int>("--port") { Description = "the loopback port (0: a free one, printed)", DefaultValueFactory = _ => 7090 };
        var controlKey = new Option<string?>("--control-key") { Description = "the X-Sink-Key the control endpoints require (default: a random one, printed)" };
        var clientId = new Option<string?>("--client-id") { Description = "serve /token for this client id and require its bearer tokens (default: no token)" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "that client's secret (default: a random one, printed)" };
        var lifetime = Options.Duration("--token-lifetime", TimeSpan.FromMinutes(5), "how long an issued token is valid");
        var command = new Command("ndxp-sink", "a stand-in for the national NDXP endpoint: records what it receives, answers faults on request")
        {
            port, controlKey, clientId, clientSecret, lifetime,
        };
        command.SetAction((result, cancellationToken) => NdxpSinkCommand.RunAsync(new NdxpSinkOptions(result.GetValue(port),
            result.GetValue(controlKey) ?? NdxpSinkCommand.RandomKey(), result.GetValue(clientId), result.GetValue(clientSecret) ?? NdxpSinkCommand.RandomKey(),
            result.GetValue(lifetime)), cancellationToken));
        return command;
    }

    private static Command Audit()
    {
        var connection = new Option<string?>("--storage") { Description = "the storage connection string (default: Azurite, UseDevelopmentStorage=true)" };
        var blobUri = new Option<Uri?>("--blob-uri") { Description = "the Blob service URI of a deployed hub, read with your Azure credential instead of a connection string" };
        var prefix = new Option<string>("--container-prefix") { Description = "the hub's Hub:Storage:ContainerPrefix", DefaultValueFactory = _ => "hub" };
        var verify = new Command("verify", "walk the audit chain and the archive blobs it names; exit 1 when anything was tampered with") { connection, blobUri, prefix };
        verify.SetAction((result, cancellationToken) => AuditCommand.VerifyAsync(result.GetValue(connection), result.GetValue(blobUri), result.GetValue(prefix)!,
            Console.Out, Console.Error, cancellationToken));
        return new Command("audit", "the tamper-evident audit trail (docs/audit.md)") { verify };
    }
}
