// The open-data account: one container that anyone may read (anonymous blob reads, no listing), holding nothing but
// the daily export of public feeds' aggregates (docs/open-data.md). Apart from the hub's data, so that anonymous access
// is allowed on this account only. Writes need Entra ID (no shared keys); the hub's identity may write blobs in this
// container and nowhere else on the account.

@description('Azure region of the account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Globally unique account name: 3 to 24 lowercase letters and digits.')
@minLength(3)
@maxLength(24)
param name string

@description('The public container.')
param containerName string

@description('Principal (object) id of the managed identity that writes the export.')
param principalId string

@description('Resource id of that managed identity; names its role assignment deterministically.')
param identityResourceId string

@description('Resource id of the role definition granted to the identity on the container only (the hub\'s blob appender role: write, no delete).')
param writerRoleDefinitionId string

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // Anonymous reads are what the account is for; the container below is the only one, with blob-level access.
    allowBlobPublicAccess: true
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    cors: {
      corsRules: [
        {
          allowedOrigins: ['*']
          allowedMethods: ['GET', 'HEAD']
          allowedHeaders: ['*']
          exposedHeaders: ['*']
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: containerName
  properties: {
    // Blob: anyone reads a blob by its URL; nobody lists the container anonymously.
    publicAccess: 'Blob'
  }
}

resource writer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(container.id, identityResourceId, 'open-data-writer')
  scope: container
  properties: {
    roleDefinitionId: writerRoleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the account.')
output name string = account.name

@description('Blob service endpoint, with a trailing slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('URL of the public container (the datasets are read under it).')
output containerUrl string = '${account.properties.primaryEndpoints.blob}${containerName}'
