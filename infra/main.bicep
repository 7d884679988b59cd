// IntegrationHub in Azure: the hub as a Functions app (.NET isolated worker), its storage, the Service Bus
// topology generated from the feed catalogue (topology.json), monitoring, and a user-assigned
// managed identity with least-privilege data-plane roles. No shared keys anywhere.
// Deploy into an existing resource group: see docs/deploy-azure.md.

targetScope = 'resourceGroup'

// ---------- naming ----------

@description('Azure region of every resource. Default: the resource group\'s region (it must offer Flex Consumption when that plan is used).')
param location string = resourceGroup().location

@description('Short lowercase name of the platform, used in resource names (letters and digits only, 2 to 8).')
@minLength(2)
@maxLength(8)
param namePrefix string = 'lgsp'

@description('Short lowercase environment name used in resource names (letters and digits only, e.g. prod, test).')
@minLength(2)
@maxLength(6)
param environmentName string = 'prod'

@description('Tags applied to every resource.')
param tags object = {
  workload: 'integrationhub'
  environment: environmentName
}

// ---------- hosting ----------

@description('Hosting plan of the function app: FlexConsumption (serverless, scales to zero) or ElasticPremium (always warm, costs more).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Flex Consumption: most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param flexMaximumInstanceCount int = 40

@description('Flex Consumption: memory of one instance in MB.')
@allowed([
  512
  2048
  4096
])
param flexInstanceMemoryMB int = 2048

@description('Elastic Premium: plan SKU.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param premiumSku string = 'EP1'

@description('Elastic Premium: most workers the plan scales out to.')
@minValue(1)
@maxValue(100)
param premiumMaximumElasticWorkerCount int = 10

// ---------- storage ----------

@description('Replication of the hub\'s data account (snapshots, history, outbox, archive). The Functions host account is always Standard_LRS.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param dataStorageSku string = 'Standard_ZRS'

@description('Days a deleted blob or container of the data account can be restored.')
@minValue(1)
@maxValue(365)
param dataSoftDeleteDays int = 30

@description('WORM period of the request archive (days since each blob was created). At most the shortest archiveDays in the catalogue (1095), so the retention purge can delete what has expired.')
@minValue(1)
@maxValue(1095)
param archiveImmutabilityDays int = 365

@description('WORM period of the audit chain and its checkpoints (days since creation); appends stay allowed (docs/audit.md).')
@minValue(1)
@maxValue(146000)
param auditImmutabilityDays int = 3650

// ---------- messaging ----------

@description('Service Bus tier. Standard takes messages up to 256 KB; Premium up to 100 MB, with dedicated capacity.')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Service Bus Premium: messaging units.')
@allowed([
  1
  2
  4
  8
  16
])
param serviceBusPremiumCapacity int = 1

@description('Window in which a topic drops a message whose id (the CloudEvent id) it has already accepted (ISO 8601, 20 seconds to 7 days).')
param duplicateDetectionWindow string = 'PT1H'

@description('Time to live of a message on the topics and subscriptions (ISO 8601); expired messages are dead-lettered.')
param messageTimeToLive string = 'P14D'

@description('Peek-lock duration of a subscription message (ISO 8601, at most PT5M).')
param subscriptionLockDuration string = 'PT1M'

@description('Deliveries of a subscription message before it is moved to the dead-letter queue.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int = 10

// ---------- NDXP forwarding (off while ndxpEndpoint is empty; docs/ndxp.md) ----------

@description('The national NDXP endpoint the NdxpForwarder POSTs CloudEvents to (https). Empty: forwarding is off.')
param ndxpEndpoint string = ''

@description('OAuth 2.0 token endpoint of the national side (client credentials). Empty: no bearer token.')
param ndxpTokenEndpoint string = ''

@description('Client id the hub is registered with on the national side.')
param ndxpClientId string = ''

@description('OAuth scope to request, if the national side wants one.')
param ndxpScope string = ''

@description('Key Vault secret URI of the client secret (https://<vault>.vault.azure.net/secrets/<name>); read through a Key Vault reference, never stored in the template.')
param ndxpClientSecretUri string = ''

@description('Key Vault secret URI of the client certificate for mutual TLS (a Key Vault certificate\'s secret: base64 PKCS#12).')
param ndxpClientCertificateUri string = ''

var ndxpSettings = {
  Hub__Ndxp__Endpoint: ndxpEndpoint
  Hub__Ndxp__TokenEndpoint: ndxpTokenEndpoint
  Hub__Ndxp__ClientId: ndxpClientId
  Hub__Ndxp__Scope: ndxpScope
  Hub__Ndxp__MaxDeliveries: string(maxDeliveryCount)
  Hub__Ndxp__ClientSecret: empty(ndxpClientSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${ndxpClientSecretUri})'
  Hub__Ndxp__ClientCertificate: empty(ndxpClientCertificateUri) ? '' : '@Microsoft.KeyVault(SecretUri=${ndxpClientCertificateUri})'
}

// ---------- network (off by default) ----------

@description('None: Storage and Service Bus accept any network (Entra ID still required). NetworkRules: both refuse every network except the subnet the function app is integrated with and the IP ranges below; needs integrationSubnetId, and the Premium Service Bus tier for the subnet rule (docs/deploy-azure.md).')
@allowed([
  'None'
  'NetworkRules'
])
param networkAccess string = 'None'

@description('NetworkRules: resource id of an existing subnet for the function app\'s VNet integration, with the Microsoft.Storage and Microsoft.ServiceBus service endpoints and the delegation the plan needs.')
param integrationSubnetId string = ''

@description('NetworkRules: public IPv4 addresses or CIDR ranges also allowed (e.g. the operators\' network, for Service Bus Explorer or storage tools).')
param allowedIpRanges string[] = []

// ---------- monitoring ----------

@description('Days the Log Analytics workspace keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 90

@description('When true, Application Insights accepts only Entra ID-authenticated telemetry (the managed identity gets Monitoring Metrics Publisher).')
param appInsightsEntraAuthOnly bool = true

// ---------- the hub ----------

@description('Province code the hub serves (Hub__ProvinceCode).')
param provinceCode string = '25'

@description('Entra ID tenant that issues the tokens the hub accepts (AzureAd__TenantId).')
param tenantId string = tenant().tenantId

@description('Application (client) id of the hub\'s API app registration (AzureAd__ClientId).')
param apiClientId string

@description('Audience the hub accepts in access tokens (AzureAd__Audience).')
param apiAudience string = 'api://${apiClientId}'

@description('The sender registry (which application may send which CloudEvents sources), relative to the app root. The file must be in the package: add it under contracts/registry/ before dev/package (docs/identity.md).')
param senderRegistryPath string = 'contracts/registry/senders.production.json'

// ---------- derived ----------

var token = uniqueString(resourceGroup().id, namePrefix, environmentName)
var baseName = '${namePrefix}-${environmentName}'
var topology = loadJsonContent('topology.json')
var deploymentContainerName = 'deploymentpackage'
var openDataContainerName = 'opendata'
var packageBlobName = 'integrationhub-functions.zip'
var restrictNetwork = networkAccess == 'NetworkRules'
var allowedSubnetIds = restrictNetwork && !empty(integrationSubnetId) ? [integrationSubnetId] : []

// Built-in role definitions (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${baseName}'
  location: location
  tags: tags
}

// The retention purge's own identity: delete on the request archive container, nothing else (docs/adr/0009).
resource purgeIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${baseName}-purge'
  location: location
  tags: tags
}

module blobAppenderRole 'modules/blob-appender-role.bicep' = {
  name: 'blob-appender-role'
  params: {
    baseName: baseName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${baseName}'
    appInsightsName: 'appi-${baseName}'
    retentionInDays: logRetentionInDays
    entraAuthOnly: appInsightsEntraAuthOnly
    principalId: identity.properties.principalId
    identityResourceId: identity.id
  }
}

// The hub's data: the tables it creates at start (HubLedger, HubEntities, HubSnapshotIndex, HubFeedStatus, HubCompleteness, …) and its containers
// (hub-archive: request bodies, content-addressed; hub-records: records too large for a row or a message; hub-reports: the
// periodic reports, docs/reports.md, private, read back only through GET /api/reports with the IOC reader's role).
module dataStorage 'modules/storage.bicep' = {
  name: 'data-storage'
  params: {
    location: location
    tags: tags
    name: 'st${take(namePrefix, 6)}dat${token}'
    skuName: dataStorageSku
    containerNames: [
      'hub-archive'
      'hub-records'
      'hub-audit'
      'hub-audit-checkpoints'
      'hub-reports'
    ]
    immutableContainers: {
      'hub-archive': archiveImmutabilityDays
      'hub-audit': auditImmutabilityDays
      'hub-audit-checkpoints': auditImmutabilityDays
    }
    softDeleteDays: dataSoftDeleteDays
    principalId: identity.properties.principalId
    identityResourceId: identity.id
    restrictNetwork: restrictNetwork
    allowedSubnetIds: allowedSubnetIds
    allowedIpRanges: allowedIpRanges
    roleDefinitionIds: [
      roles.storageTableDataContributor
    ]
    customRoleDefinitionIds: [
      blobAppenderRole.outputs.id
    ]
  }
}

module archivePurgeAccess 'modules/archive-purge-access.bicep' = {
  name: 'archive-purge-access'
  params: {
    storageAccountName: dataStorage.outputs.name
    containerName: 'hub-archive'
    principalId: purgeIdentity.properties.principalId
    identityResourceId: purgeIdentity.id
  }
}

// AzureWebJobsStorage (timer leases and schedule status) and the deployment package, kept apart
// from the data so that the host's Blob Data Owner role never reaches the hub's records.
module hostStorage 'modules/storage.bicep' = {
  name: 'host-storage'
  params: {
    location: location
    tags: tags
    name: 'st${take(namePrefix, 6)}fnc${token}'
    skuName: 'Standard_LRS'
    containerNames: [
      deploymentContainerName
    ]
    softDeleteDays: 7
    principalId: identity.properties.principalId
    identityResourceId: identity.id
    restrictNetwork: restrictNetwork
    allowedSubnetIds: allowedSubnetIds
    allowedIpRanges: allowedIpRanges
    roleDefinitionIds: [
      roles.storageBlobDataOwner
    ]
  }
}

// Open data (docs/open-data.md): the public feeds' daily aggregates, in an account of their own that anyone may read.
module openData 'modules/opendata.bicep' = {
  name: 'open-data'
  params: {
    location: location
    tags: tags
    name: 'st${take(namePrefix, 6)}pub${token}'
    containerName: openDataContainerName
    principalId: identity.properties.principalId
    identityResourceId: identity.id
    writerRoleDefinitionId: blobAppenderRole.outputs.id
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'service-bus'
  params: {
    location: location
    tags: tags
    name: 'sb-${baseName}-${token}'
    skuName: serviceBusSku
    premiumCapacity: serviceBusPremiumCapacity
    topics: topology.topics
    duplicateDetectionWindow: duplicateDetectionWindow
    messageTimeToLive: messageTimeToLive
    lockDuration: subscriptionLockDuration
    maxDeliveryCount: maxDeliveryCount
    principalId: identity.properties.principalId
    identityResourceId: identity.id
    // Sender on each topic (publish, replay); receiver on each subscription only (dead-letter listing and replay).
    senderRoleDefinitionId: roles.serviceBusDataSender
    receiverRoleDefinitionId: roles.serviceBusDataReceiver
    restrictNetwork: restrictNetwork
    allowedSubnetIds: allowedSubnetIds
    allowedIpRanges: allowedIpRanges
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'function-app'
  params: {
    location: location
    tags: tags
    name: 'func-${baseName}-${token}'
    planName: 'plan-${baseName}'
    hostingPlan: hostingPlan
    flexMaximumInstanceCount: flexMaximumInstanceCount
    flexInstanceMemoryMB: flexInstanceMemoryMB
    premiumSku: premiumSku
    premiumMaximumElasticWorkerCount: premiumMaximumElasticWorkerCount
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    additionalIdentityResourceIds: [
      purgeIdentity.id
    ]
    hostStorageAccountName: hostStorage.outputs.name
    hostStorageBlobEndpoint: hostStorage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    packageBlobName: packageBlobName
    appInsightsName: monitoring.outputs.appInsightsName
    appInsightsEntraAuthOnly: appInsightsEntraAuthOnly
    integrationSubnetId: restrictNetwork ? integrationSubnetId : ''
    hubSettings: union(ndxpSettings, {
      ASPNETCORE_ENVIRONMENT: 'Production'
      Hub__ProvinceCode: provinceCode
      Hub__Storage__TableServiceUri: dataStorage.outputs.tableEndpoint
      Hub__Storage__BlobServiceUri: dataStorage.outputs.blobEndpoint
      Hub__Storage__ManagedIdentityClientId: identity.properties.clientId
      Hub__Retention__ArchiveIdentityClientId: purgeIdentity.properties.clientId
      Hub__Messaging__Transport: 'ServiceBus'
      Hub__Messaging__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      Hub__ManagedIdentityClientId: identity.properties.clientId
      AzureAd__Instance: environment().authentication.loginEndpoint
      AzureAd__TenantId: tenantId
      AzureAd__ClientId: apiClientId
      AzureAd__Audience: apiAudience
      Hub__SenderRegistryPath: senderRegistryPath
      Hub__OpenData__BlobServiceUri: openData.outputs.blobEndpoint
      Hub__OpenData__Container: openDataContainerName
    })
  }
}

@description('Name of the function app (target of the package upload).')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the function app; the API is at https://<host>/api/.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('Name of the Service Bus namespace.')
output serviceBusNamespaceName string = serviceBus.outputs.name

@description('Fully qualified name of the Service Bus namespace the hub publishes to.')
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace

@description('Name of the storage account that holds the hub\'s data (tables and the archive container).')
output dataStorageAccountName string = dataStorage.outputs.name

@description('Name of the storage account used as AzureWebJobsStorage; holds the deployment package container.')
output hostStorageAccountName string = hostStorage.outputs.name

@description('Name of the open-data storage account (anonymous blob reads).')
output openDataStorageAccountName string = openData.outputs.name

@description('URL of the public open-data container; the DCAT catalogue is <url>/catalog.jsonld.')
output openDataUrl string = openData.outputs.containerUrl

@description('Container the deployment package is uploaded to.')
output deploymentContainerName string = deploymentContainerName

@description('Client id of the managed identity the hub runs as.')
output identityClientId string = identity.properties.clientId
