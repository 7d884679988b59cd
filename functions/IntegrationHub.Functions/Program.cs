using IntegrationHub.Functions.Hosting;

if (args.Contains("--list-functions"))
{
    // Used by dev/package: the function folders of a package must match the app's functions.
    foreach (var name in HubApplication.FunctionNames())
    {
        Console.WriteLine(name);
    }

    return;
}

HubApplication.Build(args).Run();

/// <summary>The entry point, visible to the tests.</summary>
public partial class Program;
