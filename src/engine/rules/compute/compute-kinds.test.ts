import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import { readInputs } from '../../io/inputs';
import type { Estate } from '../../model/types';
import { validateEstate } from '../../model/validate';
import { commandJob, datastore, idOf, ruleEstate } from '../../testing/datastores';
import { runRuleOn } from '../../testing/estates';
import { expectOnlyFinding } from '../../testing/findings';
import { jobWithoutIdentity } from '../job/job-without-identity';
import attachedTemplate from '../fixtures/computes-attached.template.json';
import kubernetesShow from '../fixtures/compute-show-kubernetes.json';
import virtualMachineShow from '../fixtures/compute-show-virtualmachine.json';

// Compute kinds as Azure declares them: an ARM template with every attached kind beside a cluster (the attach
// shapes of Microsoft's quickstart templates), and `az ml compute show -o json` for Kubernetes compute and an
// attached virtual machine.

function read(file: string, value: unknown): Estate {
  const result = readInputs([{ file, text: JSON.stringify(value, null, 2) }]);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.estate as Estate;
}

const template = read('computes-attached.template.json', attachedTemplate);
const findings = analyze(template).findings;
const named = (ruleId: string) =>
  findings.filter((f) => f.ruleId === ruleId).map((f) => f.subjects[0]?.split('/').pop());

describe('compute kinds from an ARM template', () => {
  it('reads each computeType as its own kind, not as a compute cluster', () => {
    expect(template.computes.map((c) => [c.name, c.computeType])).toEqual([
      ['aks-score', 'aks'],
      ['k8s-arc', 'kubernetes'],
      ['dsvm', 'virtualmachine'],
      ['dbx', 'databricks'],
      ['hdi', 'hdinsight'],
      ['adla', 'datalakeanalytics'],
      ['spark', 'synapsespark'],
      ['cpu-cluster', 'amlcompute'],
    ]);
  });

  it('links an attached AKS inference cluster to its workspace, whose service principal pulls images (R21)', () => {
    const aks = template.aksClusters.find((a) => a.name === 'aks-score');
    expect(aks?.attachedWorkspace).toBe(idOf(template, 'workspaces', 'ws-churn'));
    const pull = analyze(template).paths.find((p) => p.kind === 'aks-image-pull');
    expect(pull?.identity.kind).toBe('service-principal');
    expect(pull?.status).toBe('automatic');
  });

  it('AML-ACR-004 fires for the cluster without an identity and stays quiet for the AKS inference cluster', () => {
    expect(named('AML-ACR-004')).toEqual(['cpu-cluster']);
  });

  it('writes the cluster baselines (local auth, subnet) only for the kinds they apply to', () => {
    expect(named('AML-GOV-002')).toEqual(['cpu-cluster', 'k8s-arc']);
    expect(named('AML-GOV-007')).toEqual(['cpu-cluster']);
    expect(named('AML-GOV-004')).toEqual([]);
  });
});

describe('compute kinds from az ml compute show', () => {
  it('reads Kubernetes compute with its own system identity (R33)', () => {
    const estate = read('compute-show-kubernetes.json', kubernetesShow);
    expect(estate.computes[0]).toMatchObject({ name: 'k8s-train', computeType: 'kubernetes', identity: { system: true } });
  });

  it('reads an attached virtual machine without an Azure ML managed identity', () => {
    const estate = read('compute-show-virtualmachine.json', virtualMachineShow);
    expect(estate.computes[0]).toMatchObject({ name: 'dsvm', computeType: 'virtualmachine', identity: { system: false, userAssigned: [] } });
    expect(validateEstate(estate)).toEqual([]);
  });
});

describe('identity stories of attached computes', () => {
  const raw = datastore('raw', '    type: azure_blob\n');
  // The rule estate's cluster without an identity, made an attached virtual machine.
  const onVm = (identity?: string) => {
    const estate = ruleEstate({
      datastores: raw,
      jobs: commandJob('train', { compute: 'cpu-none', ...(identity ? { identity } : {}) }),
    });
    const vm = estate.computes.find((c) => c.name === 'cpu-none');
    if (vm) vm.computeType = 'virtualmachine';
    return estate;
  };

  it('AML-JOB-006 warns (never errs: R28:attached is unconfirmed) that a job on an attached VM has no managed identity', () => {
    const estate = onVm();
    const finding = expectOnlyFinding(runRuleOn(jobWithoutIdentity, estate), {
      severity: 'warning',
      message: ['raw', 'attached virtual machine, with no Azure ML managed identity'],
    });
    expect(finding?.fix?.summary).toContain('user_identity');
    expect(finding?.fix?.az.join('\n')).not.toContain('az ml compute update');
  });

  it('AML-JOB-006 stays quiet when the job on the VM runs as the submitting user', () => {
    expect(runRuleOn(jobWithoutIdentity, onVm('{ type: user_identity }'))).toEqual([]);
  });

  it('validation warns that an identity written on an attached VM is not used for data access', () => {
    const estate = onVm();
    const vm = estate.computes.find((c) => c.name === 'cpu-none');
    if (vm) vm.identity = { system: false, userAssigned: [idOf(estate, 'userAssignedIdentities', 'uai-a')] };
    expect(validateEstate(estate)).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('cpu-none` is an attached virtual machine') }),
    ]);
  });
});
