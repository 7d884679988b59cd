namespace IntegrationHub.Functions.Tests;
