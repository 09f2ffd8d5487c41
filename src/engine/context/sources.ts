/**
 * The public documents every rule and path explanation links to. Ids follow the fact sheet
 * (`../shared/azureml-auth-facts.md`) so that a rule's provenance can be traced back to it.
 */
export const SOURCES = {
  S1: {
    title: 'Set up authentication between Azure Machine Learning and other services',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication',
  },
  S2: {
    title: 'Authentication and authorization for online endpoints',
    url: 'https://learn.microsoft.com/azure/machine-learning/concept-endpoints-online-auth',
  },
  S3: {
    title: 'Role-based access control for Azure AI Foundry (container registry scenario)',
    url: 'https://learn.microsoft.com/azure/ai-foundry/concepts/rbac-azure-ai-foundry',
  },
  S4: {
    title: 'Allow trusted services to securely access a network-restricted container registry',
    url: 'https://learn.microsoft.com/azure/container-registry/allow-access-trusted-services',
  },
  S5: {
    title: 'Data administration in Azure Machine Learning',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-administrate-data-authentication',
  },
  S6: {
    title: 'Manage access to Azure Machine Learning workspaces',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-assign-roles',
  },
  S7: {
    title: 'Disable shared key access for the workspace storage account',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-disable-local-auth-storage',
  },
  S8: {
    title: 'Workspace managed virtual network isolation',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-managed-network',
  },
  S9: {
    title: 'Deploy to online endpoints with secret injection',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-deploy-online-endpoint-with-secret-injection',
  },
  S10: {
    title: 'Deploy a flow to an online endpoint with code',
    url: 'https://learn.microsoft.com/azure/machine-learning/prompt-flow/how-to-deploy-to-code',
  },
  S11: {
    title: 'Access Azure resources from an online endpoint with a managed identity',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-access-resources-from-endpoints-managed-identities',
  },
  S12: {
    title: 'Model training on serverless compute',
    url: 'https://learn.microsoft.com/azure/machine-learning/how-to-use-serverless-compute',
  },
  S13: {
    title: 'CLI (v2) YAML schema reference',
    url: 'https://learn.microsoft.com/azure/machine-learning/reference-yaml-overview',
  },
  S14: {
    title: 'Azure built-in roles',
    url: 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles',
  },
  S15: {
    title: 'Understand Azure role definitions',
    url: 'https://learn.microsoft.com/azure/role-based-access-control/role-definitions',
  },
  S16: {
    title: 'What is Azure role-based access control?',
    url: 'https://learn.microsoft.com/azure/role-based-access-control/overview',
  },
  S17: {
    title: 'Understand scope for Azure RBAC',
    url: 'https://learn.microsoft.com/azure/role-based-access-control/scope-overview',
  },
  S18: {
    title: 'Understand Azure deny assignments',
    url: 'https://learn.microsoft.com/azure/role-based-access-control/deny-assignments',
  },
  S20: {
    title: 'Azure Policy built-in definitions for Machine Learning',
    url: 'https://github.com/Azure/azure-policy/tree/master/built-in-policies/policyDefinitions/Machine%20Learning',
  },
  S21: {
    title: 'PSRule for Azure: Azure Machine Learning rules',
    url: 'https://github.com/Azure/PSRule.Rules.Azure/blob/main/src/PSRule.Rules.Azure/rules/Azure.ML.Rule.yaml',
  },
  S22: {
    title: 'Quickstart template: Azure ML dependencies role assignment',
    url: 'https://github.com/Azure/azure-quickstart-templates/tree/master/quickstarts/microsoft.machinelearningservices/machine-learning-dependencies-role-assignment',
  },
  S25: {
    title: 'Azure Container Registry ABAC repository permissions',
    url: 'https://learn.microsoft.com/azure/container-registry/container-registry-rbac-abac-repository-permissions',
  },
  S26: {
    title: 'Use managed identities with Azure Machine Learning (v1)',
    url: 'https://learn.microsoft.com/azure/machine-learning/v1/how-to-use-managed-identities',
  },
  S27: {
    title: 'Microsoft first-party application service principals',
    url: 'https://learn.microsoft.com/entra/identity/monitoring-health/reference-service-principal-table',
  },
  S29: {
    title: 'Troubleshoot Azure role assignment conditions',
    url: 'https://learn.microsoft.com/azure/role-based-access-control/conditions-troubleshoot',
  },
} as const;

export type SourceId = keyof typeof SOURCES;

/**
 * How well the sources back a claim. `unconfirmed` rules and paths rest on facts no source states outright;
 * they never report errors.
 */
export type Confidence = 'documented' | 'unconfirmed';

/**
 * The parts of the fact sheet it marks UNCONFIRMED, by the id rules cite them with: the fact id alone when the
 * whole fact is unconfirmed, `R<n>:<part>` when only part of it is. A rule that cites one can only warn
 * (see `emittableSeverities`): an error needs a confirmed fact.
 */
export const UNCONFIRMED_FACTS: Readonly<Record<string, string>> = {
  'R11:key-permissions': 'which key permissions the customer-managed-key identity needs on the key',
  R16: 'the Azure ML page values of the registry authentication matrix (they come from the AI Foundry copy)',
  'R20:cluster-uai': "whether a compute cluster's user-assigned identity is granted AcrPull on the workspace registry automatically",
  'R23:property': 'the ARM property that holds the registry permissions mode, and its values',
  'R28:attached':
    'that Azure ML gives attached computes (virtual machines, HDInsight, Databricks, legacy AKS) no managed identity for data access, and how an attached Synapse Spark pool uses its own',
  R29: 'the key vault role a compute identity needs to read datastore connection information',
  'R34:default': 'the identity a serverless job uses when it sets none',
  'R34:managed-without-client-id': 'what a serverless job with identity type managed and no client_id runs as',
  R49: 'how a job with identity type aml_token reaches data',
  'R89:grants': 'the grants sample code gives the Azure Machine Learning first-party application',
};

/** True when the fact (or part of a fact) a rule cites is not marked UNCONFIRMED in the fact sheet. */
export function isConfirmedFact(fact: string): boolean {
  return !Object.hasOwn(UNCONFIRMED_FACTS, fact);
}
