import { describe, expect, it } from 'vitest';
import { assignRole, expectFinding, expectOnlyFinding } from '../../testing/findings';
import { estateFromYaml, runRuleOn } from '../../testing/estates';
import { privateRegistryBuildOperator } from './build-identity-operator';
import { privateBuildSetup, withPrivateRegistry } from '../../testing/private-registry';

const setup = (grants: string) => privateBuildSetup(`  - { principal: uai-build, role: AcrPull, scope: acrprivate }\n${grants}`);

describe('AML-PACR-004 workspace identity may assign the connection identity', () => {
  it('reports the workspace system identity without Managed Identity Operator on the UAI, fix aimed at the workspace identity', () => {
    const findings = runRuleOn(privateRegistryBuildOperator, estateFromYaml(withPrivateRegistry({ extra: setup('') })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects[0]).toMatch(/workspaces\/ws-ml#system-identity$/);
    expect(finding?.subjects[1]).toMatch(/userAssignedIdentities\/uai-build$/);
    expectFinding(finding, {
      message: ['uai-build'],
      fixActions: [
        assignRole(expect.stringMatching(/workspaces\/ws-ml#system-identity$/), 'f1a07417-d97a-45cb-824c-7a7467783830', expect.stringMatching(/userAssignedIdentities\/uai-build$/)),
      ],
    });
    expect(finding?.fix?.az.join('\n')).toContain('az ml workspace show --name ws-ml');
  });

  it('stays quiet once the workspace identity holds Managed Identity Operator on it', () => {
    const grant = '  - { principal: "system:ws-ml", role: Managed Identity Operator, scope: uai-build }\n';
    expect(runRuleOn(privateRegistryBuildOperator, estateFromYaml(withPrivateRegistry({ extra: setup(grant) })))).toEqual([]);
  });
});
