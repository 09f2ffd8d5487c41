import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { abacLegacyRoles } from './abac-legacy-roles';

const pusher = `role_assignments:
  - { principal: alice@contoso.com, role: AcrPush, scope: acrml }
`;
const abac = (yaml: string) => yaml.replace('    admin_user_enabled: false\n', '    admin_user_enabled: false\n    role_assignment_mode: abac\n');

describe('AML-ACR-006 classic registry roles in ABAC mode', () => {
  it('warns about an AcrPush assignment on an ABAC-mode registry', () => {
    const findings = runRuleOn(abacLegacyRoles, estateFromYaml(abac(baseEstateYaml({ extra: pusher }))));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects[0]).toBe('user:11111111-1111-1111-1111-111111111111');
    expect(finding?.subjects[1]).toMatch(/registries\/acrml$/);
    expectFinding(finding, { message: ['AcrPush', 'alice@contoso.com', 'not honoured'] });
  });

  it('also flags the AcrPull Azure ML grants a cluster system identity automatically', () => {
    const cluster = `computes:\n  - name: cpu-cluster\n    workspace: ws-ml\n    type: amlcompute\n    identity:\n      type: system_assigned\n`;
    const findings = runRuleOn(abacLegacyRoles, estateFromYaml(abac(baseEstateYaml({ extra: cluster }))));
    expectOnlyFinding(findings, { message: ['made by Azure ML'] });
    expect(findings[0]?.subjects[0]).toMatch(/computes\/cpu-cluster#system-identity$/);
  });

  it('stays quiet on a registry in classic permissions mode', () => {
    expect(runRuleOn(abacLegacyRoles, estateFromYaml(baseEstateYaml({ extra: pusher })))).toEqual([]);
  });
});
