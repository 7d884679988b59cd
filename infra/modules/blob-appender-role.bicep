// A custom role for the hub's own identity on its data account: read, create, write and append blobs and create
// containers, without any delete (no blobs/delete, no containers/delete, no move). The audit chain and the request archive
// can then only grow through the hub; removing expired archive blobs is the retention purge's identity's job (main.bicep).

@description('Name of the resource group\'s hub deployment, so two deployments in one group get distinct role names.')
param baseName string

resource appender 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, baseName, 'blob-appender')
  properties: {
    roleName: 'IntegrationHub blob appender (${baseName})'
    description: 'Read, create, write and append blobs and create containers; no delete.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/write'
        ]
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'
        ]
        notDataActions: []
      }
    ]
  }
}

@description('Resource id of the role definition.')
output id string = appender.id
