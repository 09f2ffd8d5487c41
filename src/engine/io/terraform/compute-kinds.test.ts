import { describe, expect, it } from 'vitest';
import type { Estate } from '../../model/types';
import { readInputs } from '../inputs';

// azurerm's attached computes in `terraform show -json` state, with the attributes the provider documents for
// azurerm_machine_learning_inference_cluster and azurerm_machine_learning_synapse_spark.
const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml';
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;
const AKS = `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-score`;
const POOL = `${RG}/providers/Microsoft.Synapse/workspaces/syn-ml/bigDataPools/pool1`;

const state = {
  format_version: '1.0',
  terraform_version: '1.9.5',
  values: {
    root_module: {
      resources: [
        {
          address: 'azurerm_machine_learning_inference_cluster.score',
          mode: 'managed',
          type: 'azurerm_machine_learning_inference_cluster',
          name: 'score',
          provider_name: 'registry.terraform.io/hashicorp/azurerm',
          schema_version: 0,
          values: {
            cluster_purpose: 'FastProd',
            description: '',
            id: `${WS}/computes/aks-score`,
            identity: [],
            kubernetes_cluster_id: AKS,
            location: 'eastus',
            machine_learning_workspace_id: WS,
            name: 'aks-score',
            ssl: [],
            tags: {},
            timeouts: null,
          },
          sensitive_values: { identity: [], ssl: [], tags: {} },
        },
        {
          address: 'azurerm_machine_learning_synapse_spark.pool',
          mode: 'managed',
          type: 'azurerm_machine_learning_synapse_spark',
          name: 'pool',
          provider_name: 'registry.terraform.io/hashicorp/azurerm',
          schema_version: 0,
          values: {
            description: '',
            id: `${WS}/computes/spark-pool`,
            identity: [{ identity_ids: [], principal_id: 'aaaaaaaa-0000-4000-8000-000000000009', tenant_id: '72f988bf-86f1-41af-91ab-2d7cd011db47', type: 'SystemAssigned' }],
            local_auth_enabled: true,
            location: 'eastus',
            machine_learning_workspace_id: WS,
            name: 'spark-pool',
            synapse_spark_pool_id: POOL,
            tags: {},
            timeouts: null,
          },
          sensitive_values: { identity: [{ identity_ids: [] }], tags: {} },
        },
      ],
    },
  },
};

describe('terraform show -json: attached computes', () => {
  const result = readInputs([{ file: 'state.json', text: JSON.stringify(state) }]);
  const estate = result.estate as Estate;

  it('reads an inference cluster as an AKS compute and a Synapse Spark compute as its own kind', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(estate.computes.map((c) => [c.name, c.computeType, c.identity.system])).toEqual([
      ['aks-score', 'aks', false],
      ['spark-pool', 'synapsespark', true],
    ]);
    expect(estate.computes[1]?.disableLocalAuth).toBe(false);
  });
});
