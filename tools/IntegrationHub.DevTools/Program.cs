using IntegrationHub.DevTools;

// hubdev: the developer's command-line tool. Each command lives in its own class.
return args switch
{
    ["token", .. var rest] => TokenCommand.Run(rest, Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: hubdev token --role <role> [--role <role>...] [--app <name|clientId>] [--lifetime 1h]");
    return 2;
}
