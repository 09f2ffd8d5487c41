import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { instanceIdleShutdown } from './instance-idle-shutdown';

const instance = (idle: string, grants = '') => `user_assigned_identities:
  - name: uai-ci
    resource_group: rg-ml
    principal_id: 88888888-8888-8888-8888-888888888888
computes:
  - name: ci-alice
    workspace: ws-ml
    type: computeinstance
    assigned_user: alice@contoso.com
${idle}    identity:
      type: user_assigned
      user_assigned_identities: [uai-ci]
${grants}`;

describe('AML-CMP-004 compute instance idle shutdown', () => {
  it('warns when the instance identity lacks Contributor on the workspace, with the exact fix', () => {
    const findings = runRuleOn(instanceIdleShutdown, estateFromYaml(baseEstateYaml({ extra: instance('    idle_time_before_shutdown: PT30M\n') })));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['uai-ci', 'ws-ml', 'ci-alice']);
    expect(finding?.message).toContain('uai-ci');
    expectAzRoleAssignment(finding, 'b24988ac-6180-42a0-ab88-20f7382dd24c', '88888888-8888-8888-8888-888888888888', /--scope \/subscriptions\/.*\/workspaces\/ws-ml/);
  });

  it('stays quiet once the identity holds Contributor on the workspace', () => {
    const grants = 'role_assignments:\n  - { principal: uai-ci, role: Contributor, scope: ws-ml }\n';
    expect(runRuleOn(instanceIdleShutdown, estateFromYaml(baseEstateYaml({ extra: instance('    idle_time_before_shutdown: PT30M\n', grants) })))).toEqual([]);
  });

  it('stays quiet without idle shutdown', () => {
    expect(runRuleOn(instanceIdleShutdown, estateFromYaml(baseEstateYaml({ extra: instance('') })))).toEqual([]);
  });
});
