namespace IntegrationHub.Core.Tests;
