using IntegrationHub.DevTools.Cli;
using IntegrationHub.DevTools.Commands;
using IntegrationHub.Functions.Hosting.Identity;

// hubdev: the developer tools behind the dev/ scripts. The verbs and their options: Cli/HubDevCommandLine.cs.

// The hub requires a token: each feed's samples are sent by the feed owner's development application.
SendSamplesCommand.TokenForFeed = feedId => Task.FromResult<string?>(TokenCommand.Issue([HubRoles.Publish(feedId)], null, TimeSpan.FromMinutes(10)));
SimulateCommand.TokenForFeed = SendSamplesCommand.TokenForFeed;

return await HubDevCommandLine.RunAsync(args);
