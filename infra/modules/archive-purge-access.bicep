// The retention purge's identity may delete in the request archive, and only there: Storage Blob Data Contributor scoped
// to that one container. The hub's own identity has no delete on blobs at all (blob-appender-role.bicep).

@description('Name of the data storage account.')
param storageAccountName string

@description('The archive container.')
param containerName string

@description('Principal (object) id of the purge identity.')
param principalId string

@description('Resource id of the purge identity; names the assignment deterministically.')
param identityResourceId string

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' existing = {
  parent: account
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = {
  parent: blobService
  name: containerName
}

resource purge 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(container.id, identityResourceId, storageBlobDataContributor)
  scope: container
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
