using IntegrationHub.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.UseFunctionsCustomHandlerPort();
builder.AddContracts();
builder.AddHubStorage();
builder.AddHubMessaging();
builder.AddHubIngest();
builder.AddHubIoc();
builder.AddHubTelemetry();

var app = builder.Build();

app.UseHubProblemDetails();
app.UseIocDashboard();
app.MapFunctions();

app.Run();

/// <summary>The entry point, visible to the tests that start the app in-process.</summary>
public partial class Program;
