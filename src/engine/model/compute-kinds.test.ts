import { describe, expect, it } from 'vitest';
import { COMPUTE_KINDS, COMPUTE_TYPES, computeTypeFrom, parametersOfExpression, unknownComputeTypeText } from './compute-kinds';

describe('computeTypeFrom', () => {
  it('reads every ARM computeType Azure documents, as the ARM schema spells it', () => {
    const arm = ['AmlCompute', 'ComputeInstance', 'Kubernetes', 'AKS', 'VirtualMachine', 'HDInsight', 'Databricks', 'DataLakeAnalytics', 'SynapseSpark', 'DataFactory'];
    // Every kind but `unknown`, which no input writes as a type: it is what an unknowable one reads as.
    expect(arm.map(computeTypeFrom)).toEqual(COMPUTE_TYPES.filter((t) => t !== 'unknown'));
    expect(COMPUTE_KINDS.unknown.arm).toBeUndefined();
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

describe('the unknown compute kind', () => {
  it('has no baseline of one kind and an unconfirmed identity story', () => {
    expect(COMPUTE_KINDS.unknown).toMatchObject({ identity: 'unconfirmed', localAuthSwitch: false, subnetExpected: false });
  });

  it('names the parameters an expression rests on', () => {
    expect(parametersOfExpression("parameters('computeType')")).toEqual(['computeType']);
    expect(parametersOfExpression("if(parameters('gpu'), 'AmlCompute', parameters( 'kind' ))")).toEqual(['gpu', 'kind']);
    expect(parametersOfExpression("reference('x').computeType")).toEqual([]);
  });

  it('says what would tell, and nothing for a known kind', () => {
    // Written with a value the reader could not evaluate (without recording the expression).
    expect(unknownComputeTypeText({ name: 'c', computeType: 'unknown', unknownType: {} })).toBe(
      'The type of compute c is written with a value that cannot be worked out offline, so it may be a cluster, an instance or an attached resource; the deployed compute (`az ml compute show -n c -o json`) would tell.',
    );
    // No reason recorded: no file gives the type (a compute known only by reference, or written as unknown).
    expect(unknownComputeTypeText({ name: 'cpu', computeType: 'unknown' })).toBe(
      "No file of the import gives the type of compute cpu (it is known only by reference, or written as `unknown`), so it may be a cluster, an instance or an attached resource; `az ml compute show -n cpu -o json` or the workspace's ARM export would tell.",
    );
    expect(unknownComputeTypeText({ name: 'c', computeType: 'amlcompute', unknownType: { expression: 'x' } })).toBeUndefined();
  });
});
