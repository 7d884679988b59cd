using IntegrationHub.DevTools.Commands;

// hubdev: the developer tools behind the dev/ scripts. One command per verb.
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["validate"] = ValidateCommand.RunAsync,
    ["send-samples"] = SendSamplesCommand.RunAsync,
    ["simulate"] = SimulateCommand.RunAsync,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: hubdev <{string.Join("|", commands.Keys)}> [options]");
    return 2;
}

return await command(args[1..]);
