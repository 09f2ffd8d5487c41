import { describe, expect, it } from 'vitest';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { abacLegacyRoles } from './abac-legacy-roles';

const pusher = `role_assignments:
  - { principal: alice@contoso.com, role: AcrPush, scope: acrml }
`;
const abac = (yaml: string) => yaml.replace('    admin_user_enabled: false\n', '    admin_user_enabled: false\n    role_assignment_mode: abac\n');

describe('AML-ACR-006 classic registry roles in ABAC mode', () => {
  it('warns about an AcrPush assignment on an ABAC-mode registry', () => {
    const findings = runRuleOn(abacLegacyRoles, estateFromYaml(abac(baseEstateYaml({ extra: pusher }))));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.severity).toBe('warning');
    expect(finding?.subjects[0]).toBe('user:11111111-1111-1111-1111-111111111111');
    expect(finding?.subjects[1]).toMatch(/registries\/acrml$/);
    expect(finding?.message).toContain('AcrPush');
    expect(finding?.message).toContain('alice@contoso.com');
    expect(finding?.message).toContain('not honoured');
  });

  it('also flags the AcrPull Azure ML grants a cluster system identity automatically', () => {
    const cluster = `computes:\n  - name: cpu-cluster\n    workspace: ws-ml\n    type: amlcompute\n    identity:\n      type: system_assigned\n`;
    const findings = runRuleOn(abacLegacyRoles, estateFromYaml(abac(baseEstateYaml({ extra: cluster }))));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('made by Azure ML');
    expect(findings[0]?.subjects[0]).toMatch(/computes\/cpu-cluster#system-identity$/);
  });

  it('stays quiet on a registry in classic permissions mode', () => {
    expect(runRuleOn(abacLegacyRoles, estateFromYaml(baseEstateYaml({ extra: pusher })))).toEqual([]);
  });
});
