// Example parameters for infra/main.bicep. Replace apiClientId with the application (client) id
// of the hub's API app registration; everything else has a production default in main.bicep.
using 'main.bicep'

param apiClientId = '00000000-0000-0000-0000-000000000000'
param environmentName = 'prod'
param hostingPlan = 'FlexConsumption'
param serviceBusSku = 'Standard'
