import { describe, expect, it } from 'vitest';
import { expectFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { identityUpdateDropsUai } from './identity-update-drops-uai';

const PREFIX = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/';
const uais = `user_assigned_identities:
  - { name: uai-a, resource_group: rg-ml, client_id: aaaaaaaa-0000-0000-0000-000000000001 }
  - { name: uai-b, resource_group: rg-ml, client_id: bbbbbbbb-0000-0000-0000-000000000002 }
  - { name: uai-c, resource_group: rg-ml }
`;
const connection = `connections:
  - name: private-acr
    workspace: ws-ml
    type: container_registry
    target: https://privateacr.azurecr.io
    credentials:
      type: managed_identity
      client_id: bbbbbbbb-0000-0000-0000-000000000002
      resource_id: ${PREFIX}uai-b
`;

function workspace(kept: string): string {
  return `    identity:
      type: system_assigned,user_assigned
      user_assigned_identities: [uai-a, uai-b, uai-c]
    primary_user_assigned_identity: uai-a
    planned_update:
      identity:
        type: system_assigned,user_assigned
        user_assigned_identities: [${kept}]`;
}

describe('AML-WS-006 planned update drops an identity still in use', () => {
  it('fires for the primary identity and for an identity a connection uses', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: workspace('uai-c'), extra: uais + connection }));
    const findings = runRuleOn(identityUpdateDropsUai, estate);
    expect(findings.map((f) => f.subjects[0])).toEqual([`${PREFIX}uai-a`, `${PREFIX}uai-b`]);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings[0]?.subjects[1]).toBe(estate.workspaces[0]?.id);
    expectFinding(findings[0], { message: ['leaves uai-a out', 'primary identity'] });
    expect(findings[1]?.message).toContain('connection private-acr authenticates with it');
    expect(findings[1]?.fix?.az.join('\n')).toContain(`${PREFIX}uai-b`);
  });

  it('stays quiet when the only identity left out is unused', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: workspace('uai-a, uai-b'), extra: uais + connection }));
    expect(runRuleOn(identityUpdateDropsUai, estate)).toEqual([]);
  });
});
