import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectFinding, expectOnlyFinding } from '../../testing/findings';
import { estateFromYaml, runRuleOn } from '../../testing/estates';
import { UAI_TRAIN_CLUSTER } from '../../testing/computes';
import { privateRegistryComputePull } from './compute-pull-as-is';
import { privateImageJob, withPrivateRegistry } from '../../testing/private-registry';

const cluster = (grants = '') => `${UAI_TRAIN_CLUSTER}role_assignments:
  - { principal: uai-train, role: AcrPull, scope: acrml }
${grants}${privateImageJob('cpu-cluster', 'as_is')}`;

describe('AML-PACR-001 compute pulls a private base image as-is', () => {
  it('reports the cluster identity without AcrPull on the private registry, with the exact fix', () => {
    const findings = runRuleOn(privateRegistryComputePull, estateFromYaml(withPrivateRegistry({ extra: cluster() })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['uai-train', 'acrprivate', 'cpu-cluster']);
    expectFinding(finding, { message: ['acrprivate'], consequence: ['train'] });
    expectAzRoleAssignment(finding, '7f951dda-4ed3-4680-a7ca-43fe172d538d', '55555555-5555-5555-5555-555555555555', /--scope \/subscriptions\/.*\/registries\/acrprivate/);
  });

  it('stays quiet once the identity holds AcrPull on the private registry', () => {
    const grant = '  - { principal: uai-train, role: AcrPull, scope: acrprivate }\n';
    expect(runRuleOn(privateRegistryComputePull, estateFromYaml(withPrivateRegistry({ extra: cluster(grant) })))).toEqual([]);
  });

  it('reports a cluster with no identity', () => {
    const none = `computes:\n  - name: cpu-cluster\n    workspace: ws-ml\n    type: amlcompute\n${privateImageJob('cpu-cluster', 'as_is')}`;
    const findings = runRuleOn(privateRegistryComputePull, estateFromYaml(withPrivateRegistry({ extra: none })));
    expectOnlyFinding(findings, { message: ['no managed identity'] });
  });
});
