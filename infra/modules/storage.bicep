// A StorageV2 account reachable only with Entra ID (no shared keys, no anonymous blobs),
// its private blob containers, and the role assignments of the hub's managed identity on it.

@description('Azure region of the account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Globally unique account name: 3 to 24 lowercase letters and digits.')
@minLength(3)
@maxLength(24)
param name string

@description('Replication SKU of the account.')
param skuName string

@description('Blob containers to create (private).')
param containerNames string[]

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int

@description('Principal (object) id of the managed identity that is granted the roles.')
param principalId string

@description('Resource id of that managed identity; names its role assignments deterministically.')
param identityResourceId string

@description('Built-in role definition GUIDs granted to the identity on this account.')
param roleDefinitionIds string[]

@description('Role definitions (full resource ids, e.g. custom roles) also granted to the identity on this account.')
param customRoleDefinitionIds string[] = []

@description('Time-based immutability (WORM) per container: { <container>: <days since creation> }. Turns blob versioning on; each listed container gets version-level immutability with a default policy that still allows appends to append blobs.')
param immutableContainers object = {}

@description('When true, the account refuses every network but the subnets and IP ranges below (and trusted Azure services).')
param restrictNetwork bool = false

@description('Subnets (resource ids, with the Microsoft.Storage service endpoint) allowed when the network is restricted.')
param allowedSubnetIds string[] = []

@description('Public IPv4 addresses or CIDR ranges allowed when the network is restricted (e.g. the operators\' network).')
param allowedIpRanges string[] = []

var virtualNetworkRules = map(allowedSubnetIds, subnetId => {
  id: subnetId
  action: 'Allow'
})
var ipRules = map(allowedIpRanges, range => {
  value: range
  action: 'Allow'
})

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: restrictNetwork
      ? {
          bypass: 'AzureServices'
          defaultAction: 'Deny'
          virtualNetworkRules: virtualNetworkRules
          ipRules: ipRules
        }
      : {
          bypass: 'AzureServices'
          defaultAction: 'Allow'
        }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: !empty(immutableContainers)
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
      immutableStorageWithVersioning: contains(immutableContainers, containerName)
        ? {
            enabled: true
          }
        : null
    }
  }
]

// Blobs cannot be deleted or overwritten until their period has passed; new blocks may still be appended (the audit chain).
resource immutabilityPolicies 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-01-01' = [
  for (containerName, i) in containerNames: if (contains(immutableContainers, containerName)) {
    parent: containers[i]
    name: 'default'
    properties: {
      immutabilityPeriodSinceCreationInDays: immutableContainers[?containerName] ?? 1
      allowProtectedAppendWrites: true
    }
  }
]

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    name: guid(account.id, identityResourceId, roleId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource customRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in customRoleDefinitionIds: {
    name: guid(account.id, identityResourceId, roleId)
    scope: account
    properties: {
      roleDefinitionId: roleId
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('Name of the account.')
output name string = account.name

@description('Blob service endpoint, with a trailing slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Table service endpoint, with a trailing slash.')
output tableEndpoint string = account.properties.primaryEndpoints.table
