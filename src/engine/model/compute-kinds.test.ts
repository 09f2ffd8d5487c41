import { describe, expect, it } from 'vitest';
import { COMPUTE_KINDS, COMPUTE_TYPES, computeTypeFrom } from './compute-kinds';

describe('computeTypeFrom', () => {
  it('reads every ARM computeType Azure documents, as the ARM schema spells it', () => {
    const arm = ['AmlCompute', 'ComputeInstance', 'Kubernetes', 'AKS', 'VirtualMachine', 'HDInsight', 'Databricks', 'DataLakeAnalytics', 'SynapseSpark', 'DataFactory'];
    expect(arm.map(computeTypeFrom)).toEqual([...COMPUTE_TYPES]);
  });

  it('reads az ml, native, snake_case and azurerm spellings, ignoring case', () => {
    expect(computeTypeFrom('virtualmachine')).toBe('virtualmachine');
    expect(computeTypeFrom('synapsespark')).toBe('synapsespark');
    expect(computeTypeFrom('compute_instance')).toBe('computeinstance');
    expect(computeTypeFrom('KUBERNETES')).toBe('kubernetes');
    expect(computeTypeFrom('azurerm_machine_learning_inference_cluster')).toBe('aks');
    expect(computeTypeFrom('azurerm_machine_learning_synapse_spark')).toBe('synapsespark');
  });

  it('names nothing for a value no format uses, rather than guessing a cluster', () => {
    expect(computeTypeFrom('Batch')).toBeUndefined();
    expect(computeTypeFrom('')).toBeUndefined();
  });
});

describe('COMPUTE_KINDS', () => {
  it('gives an Azure ML managed identity only to the computes Azure ML runs', () => {
    const own = COMPUTE_TYPES.filter((t) => COMPUTE_KINDS[t].identity === 'own');
    expect(own).toEqual(['amlcompute', 'computeinstance', 'kubernetes']);
    expect(COMPUTE_KINDS.synapsespark.identity).toBe('unconfirmed');
  });

  it('expects the cluster and instance baselines (local auth switch, subnet) only where PSRule and Policy mean them', () => {
    expect(COMPUTE_TYPES.filter((t) => COMPUTE_KINDS[t].subnetExpected)).toEqual(['amlcompute', 'computeinstance']);
    expect(COMPUTE_TYPES.filter((t) => COMPUTE_KINDS[t].localAuthSwitch)).toEqual(['amlcompute', 'computeinstance', 'kubernetes']);
  });
});
