import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { kubernetesAadToken } from './kubernetes-aad-token';

const kubernetesCompute = `computes:
  - name: k8s
    workspace: ws-ml
    type: kubernetes
    identity: { type: system_assigned }
`;

describe('AML-EPD-001 Kubernetes endpoint with aad_token', () => {
  it('fires for a Kubernetes endpoint set to aad_token', () => {
    const estate = endpointEstate({
      endpoint: '    kind: kubernetes\n    compute: k8s\n    auth_mode: aad_token\n',
      extra: kubernetesCompute,
    });
    const findings = runRuleOn(kubernetesAadToken, estate);
    expectOnlyFinding(findings, {
      subjects: [IDS.endpoint],
      severity: 'error',
      message: ['Kubernetes endpoint ep', 'aad_token'],
    });
  });

  it('stays quiet for the same endpoint with key authentication', () => {
    const estate = endpointEstate({
      endpoint: '    kind: kubernetes\n    compute: k8s\n    auth_mode: key\n',
      extra: kubernetesCompute,
    });
    expect(runRuleOn(kubernetesAadToken, estate)).toEqual([]);
  });

  it('stays quiet for a managed endpoint with aad_token', () => {
    expect(runRuleOn(kubernetesAadToken, endpointEstate({ endpoint: '    auth_mode: aad_token\n' }))).toEqual(
      [],
    );
  });
});
