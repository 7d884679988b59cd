// The hosting plan and the Linux function app that runs the hub on the .NET isolated worker
// (dotnet-isolated 10.0), with a user-assigned identity and identity-based connections only.

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Globally unique name of the function app (its host name is <name>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param name string

@description('Name of the hosting plan.')
param planName string

@description('Hosting plan: Flex Consumption (serverless, scales to zero) or Elastic Premium (always warm).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Flex Consumption: most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param flexMaximumInstanceCount int

@description('Flex Consumption: memory of one instance in MB.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int

@description('Elastic Premium: plan SKU.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string

@description('Elastic Premium: most workers the plan scales out to.')
@minValue(1)
@maxValue(100)
param premiumMaximumElasticWorkerCount int

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityResourceId string

@description('Client id of that identity.')
param identityClientId string

@description('Further user-assigned identities the app may use for one task each (the retention purge\'s).')
param additionalIdentityResourceIds string[] = []

@description('Name of the storage account used as AzureWebJobsStorage; it also holds the deployment container.')
param hostStorageAccountName string

@description('Blob endpoint of that account, with a trailing slash.')
param hostStorageBlobEndpoint string

@description('Container that holds the deployment package.')
param deploymentContainerName string

@description('Elastic Premium: name of the package blob the app runs from.')
param packageBlobName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Whether telemetry is sent with Entra ID authentication (the component rejects the key alone).')
param appInsightsEntraAuthOnly bool

@description('Subnet (resource id) the app\'s outbound traffic goes through, delegated to Microsoft.App/environments (Flex Consumption) or Microsoft.Web/serverFarms (Elastic Premium); empty for none.')
param integrationSubnetId string = ''

@description('The hub\'s own settings (Hub__*, AzureAd__*, ASPNETCORE_ENVIRONMENT), added to the platform settings.')
param hubSettings object

var isFlex = hostingPlan == 'FlexConsumption'
var deploymentContainerUrl = '${hostStorageBlobEndpoint}${deploymentContainerName}'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Settings every plan needs. Host storage is reached with the managed identity, never a key.
var platformSettings = {
  AzureWebJobsStorage__accountName: hostStorageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
}

var appInsightsAuthSettings = appInsightsEntraAuthOnly
  ? {
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    }
  : {}

// Flex Consumption takes the runtime from functionAppConfig and rejects FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION as app settings. Elastic Premium needs them, and runs from a package
// blob read with the identity, so that no Azure Files share (which needs a key) is required.
var premiumSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
      WEBSITE_RUN_FROM_PACKAGE: '${deploymentContainerUrl}/${packageBlobName}'
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityResourceId
    }

var appSettings = union(platformSettings, appInsightsAuthSettings, premiumSettings, hubSettings)

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: premiumSku
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : premiumMaximumElasticWorkerCount
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: union({ '${identityResourceId}': {} }, toObject(additionalIdentityResourceIds, id => id, id => {}))
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    virtualNetworkSubnetId: empty(integrationSubnetId) ? null : integrationSubnetId
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identityResourceId
              }
            }
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
          scaleAndConcurrency: {
            maximumInstanceCount: flexMaximumInstanceCount
            instanceMemoryMB: flexInstanceMemoryMB
          }
        }
      : null
    siteConfig: {
      // Flex Consumption takes the runtime from functionAppConfig; Elastic Premium from the Linux stack.
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      vnetRouteAllEnabled: empty(integrationSubnetId) ? null : true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(appSettings), setting => {
        name: setting.key
        value: setting.value
      })
    }
  }
}

// Deployments authenticate with Entra ID; publishing profiles (basic auth) are switched off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName
