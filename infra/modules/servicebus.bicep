// Service Bus namespace (Entra ID only), one topic per feed major version and its subscriptions,
// as listed by the catalogue's topology, each subscription's replay rule, the hub identity's
// data-plane roles (sender on each topic, receiver on each subscription), and optional network rules.

@description('A topic and the subscriptions on it, as generated from the feed catalogue.')
type topicSpec = {
  @description('Topic name, lgsp.<feed-id>.v<major>.')
  name: string

  @description('Feed the topic carries; null for the hub\'s own topics (alerts).')
  feedId: string?

  @description('Subscription names on the topic (ioc, ndxp).')
  subscriptions: string[]
}

@description('Azure region of the namespace.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Globally unique namespace name (6 to 50 letters, digits and hyphens).')
@minLength(6)
@maxLength(50)
param name string

@description('Namespace tier.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string

@description('Messaging units when the tier is Premium.')
@allowed([
  1
  2
  4
  8
  16
])
param premiumCapacity int

@description('Topics and subscriptions to create.')
param topics topicSpec[]

@description('How long a topic remembers message ids to drop duplicates (ISO 8601, 20 seconds to 7 days).')
param duplicateDetectionWindow string

@description('Time to live of a message on a topic and its subscriptions (ISO 8601).')
param messageTimeToLive string

@description('Peek-lock duration of a subscription message (ISO 8601, at most 5 minutes).')
param lockDuration string

@description('Deliveries of a message before it is dead-lettered.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('Principal (object) id of the managed identity that is granted the roles.')
param principalId string

@description('Resource id of that managed identity; names its role assignments deterministically.')
param identityResourceId string

@description('Built-in role granted to the identity on every topic (the hub publishes and replays to topics).')
param senderRoleDefinitionId string

@description('Built-in role granted to the identity on every subscription (the hub reads their dead-letter queues), and nowhere else.')
param receiverRoleDefinitionId string

@description('When true, the namespace refuses every network but the subnets and IP ranges below (and trusted Azure services). Subnet rules need the Premium tier.')
param restrictNetwork bool = false

@description('Subnets (resource ids, with the Microsoft.ServiceBus service endpoint) allowed when the network is restricted.')
param allowedSubnetIds string[] = []

@description('Public IPv4 addresses or CIDR ranges allowed when the network is restricted.')
param allowedIpRanges string[] = []

var isPremium = skuName == 'Premium'

// One entry per (topic, subscription), so that subscriptions can be declared in a single loop.
var subscriptionSpecs = flatten(map(
  range(0, length(topics)),
  topicIndex => map(topics[topicIndex].subscriptions, subscriptionName => {
    topicIndex: topicIndex
    name: subscriptionName
  })
))

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    capacity: isPremium ? premiumCapacity : null
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    premiumMessagingPartitions: isPremium ? 1 : null
  }
}

resource topicResources 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = [
  for topic in topics: {
    parent: namespace
    name: topic.name
    properties: {
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
      defaultMessageTimeToLive: messageTimeToLive
      enableBatchedOperations: true
      supportOrdering: true
    }
  }
]

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscription in subscriptionSpecs: {
    parent: topicResources[subscription.topicIndex]
    name: subscription.name
    properties: {
      deadLetteringOnMessageExpiration: true
      deadLetteringOnFilterEvaluationExceptions: true
      maxDeliveryCount: maxDeliveryCount
      lockDuration: lockDuration
      defaultMessageTimeToLive: messageTimeToLive
      enableBatchedOperations: true
    }
  }
]

// A dead letter is replayed by sending a copy to the topic with hub_replay_to = the subscription it is for
// (a client cannot send to one subscription). Each subscription's $Default rule (1=1 when Service Bus
// creates it) is replaced by this filter, so that a replay reaches only the subscription it was replayed
// for. The expression must stay equal to ServiceBusTopology.ReplayRuleExpression, which the hub checks at start.
resource replayRules 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [
  for (subscription, i) in subscriptionSpecs: {
    parent: subscriptions[i]
    name: '$Default'
    properties: {
      filterType: 'SqlFilter'
      sqlFilter: {
        sqlExpression: 'hub_replay_to IS NULL OR hub_replay_to = \'${subscription.name}\''
        compatibilityLevel: 20
      }
    }
  }
]

resource networkRules 'Microsoft.ServiceBus/namespaces/networkRuleSets@2024-01-01' = if (restrictNetwork) {
  parent: namespace
  name: 'default'
  properties: {
    publicNetworkAccess: 'Enabled'
    defaultAction: 'Deny'
    trustedServiceAccessEnabled: true
    virtualNetworkRules: [
      for subnetId in allowedSubnetIds: {
        subnet: {
          id: subnetId
        }
        ignoreMissingVnetServiceEndpoint: false
      }
    ]
    ipRules: [
      for range in allowedIpRanges: {
        ipMask: range
        action: 'Allow'
      }
    ]
  }
}

// Least privilege: send on the topics, receive only on the subscriptions, nothing on the namespace.
resource senderRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (topic, i) in topics: {
    name: guid(topicResources[i].id, identityResourceId, senderRoleDefinitionId)
    scope: topicResources[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', senderRoleDefinitionId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource receiverRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (subscription, i) in subscriptionSpecs: {
    name: guid(subscriptions[i].id, identityResourceId, receiverRoleDefinitionId)
    scope: subscriptions[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', receiverRoleDefinitionId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('Name of the namespace.')
output name string = namespace.name

@description('Fully qualified name of the namespace, <namespace>.servicebus.windows.net in the public cloud.')
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
