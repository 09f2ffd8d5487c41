import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectOnlyFinding } from '../../testing/findings';
import { estateFromYaml, runRuleOn } from '../../testing/estates';
import { privateRegistryBuildAcrPull } from './build-identity-acr-pull';
import { privateBuildSetup, withPrivateRegistry } from '../../testing/private-registry';

const setup = (grants: string) =>
  privateBuildSetup(`  - { principal: "system:ws-ml", role: Managed Identity Operator, scope: uai-build }\n${grants}`, 'dddddddd-0000-0000-0000-00000000000d');

describe('AML-PACR-003 connection identity AcrPull on the private registry', () => {
  it('reports the connection identity without AcrPull, with the exact fix', () => {
    const findings = runRuleOn(privateRegistryBuildAcrPull, estateFromYaml(withPrivateRegistry({ extra: setup('') })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['uai-build', 'acrprivate', 'ws-ml']);
    expectAzRoleAssignment(finding, '7f951dda-4ed3-4680-a7ca-43fe172d538d', 'dddddddd-0000-0000-0000-00000000000d', /--scope \/subscriptions\/.*\/registries\/acrprivate/);
  });

  it('stays quiet once the identity holds AcrPull there', () => {
    const grant = '  - { principal: uai-build, role: AcrPull, scope: acrprivate }\n';
    expect(runRuleOn(privateRegistryBuildAcrPull, estateFromYaml(withPrivateRegistry({ extra: setup(grant) })))).toEqual([]);
  });
});
