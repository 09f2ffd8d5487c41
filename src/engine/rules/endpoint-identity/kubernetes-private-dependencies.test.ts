import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { kubernetesPrivateDependencies } from './kubernetes-private-dependencies';
import { endpointEstate, IDS } from '../../testing/endpoints';

const kubernetes = {
  endpoint: '    kind: kubernetes\n    compute: k8s\n',
  extra: `computes:
  - name: k8s
    workspace: ws-ml
    type: kubernetes
    identity: { type: system_assigned }
`,
};
const privateRegistry = (yaml: string) =>
  yaml.replace(
    '    admin_user_enabled: false\n',
    '    admin_user_enabled: false\n    public_network_access: Disabled\n',
  );
const privateStorage = (yaml: string) =>
  yaml.replace(
    '  - name: stml\n    resource_group: rg-ml\n',
    '  - name: stml\n    resource_group: rg-ml\n    network: private_endpoint\n',
  );

describe('AML-EPI-004 Kubernetes endpoint with private dependencies', () => {
  it('warns about a registry closed to public access', () => {
    const findings = runRuleOn(
      kubernetesPrivateDependencies,
      endpointEstate({ ...kubernetes, transform: privateRegistry }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.endpoint, IDS.registry],
      severity: 'warning',
      message: ['registry acrml'],
      pathCount: 1,
    });
  });

  it('warns about storage reachable only through private endpoints', () => {
    const findings = runRuleOn(
      kubernetesPrivateDependencies,
      endpointEstate({ ...kubernetes, transform: privateStorage }),
    );
    expect(findings.map((f) => f.subjects)).toEqual([[IDS.endpoint, IDS.storage]]);
  });

  it('stays quiet for public dependencies', () => {
    expect(runRuleOn(kubernetesPrivateDependencies, endpointEstate(kubernetes))).toEqual([]);
  });

  it('stays quiet for a managed endpoint with the same private registry', () => {
    expect(runRuleOn(kubernetesPrivateDependencies, endpointEstate({ transform: privateRegistry }))).toEqual(
      [],
    );
  });
});
