using IntegrationHub.DevTools.Commands;
using IntegrationHub.Functions.Hosting.Identity;

// hubdev: the developer tools behind the dev/ scripts. One command per verb.
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["validate"] = ValidateCommand.RunAsync,
    ["send-samples"] = SendSamplesCommand.RunAsync,
    ["token"] = TokenCommand.RunAsync,
    ["zip"] = ZipCommand.RunAsync,
    ["bench"] = BenchCommand.RunAsync,
    ["topology"] = TopologyCommand.RunAsync,
    ["compat"] = CompatCommand.RunAsync,
    ["http-examples"] = HttpExamplesCommand.RunAsync,
    ["simulate"] = SimulateCommand.RunAsync,
    ["load"] = LoadCommand.RunAsync,
};

// The hub requires a token: each feed's samples are sent by the feed owner's development application.
SendSamplesCommand.TokenForFeed = feedId => Task.FromResult<string?>(TokenCommand.Issue([HubRoles.Publish(feedId)], null, TimeSpan.FromMinutes(10)));
SimulateCommand.TokenForFeed = SendSamplesCommand.TokenForFeed;

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: hubdev <{string.Join("|", commands.Keys)}> [options]");
    return 2;
}

return await command(args[1..]);
