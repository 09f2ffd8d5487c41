import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { roleAssignmentWriters } from './role-assignment-writers';

const planned = `role_assignments:
  - { principal: bob@contoso.com, role: AzureML Data Scientist, scope: ws-ml }
`;

describe('AML-WS-012 who can create the planned role assignments', () => {
  it('notes a scope where nobody in the estate may create role assignments', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: planned }));
    const findings = runRuleOn(roleAssignmentWriters, estate);
    expectOnlyFinding(findings, {
      severity: 'info',
      subjects: [estate.workspaces[0]?.id],
      message: ['workspace ws-ml', 'AzureML Data Scientist for bob@contoso.com'],
    });
  });

  it('names the nearest entity above a planned scope that no entity has (a blob container), never the bare scope', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: planned }));
    const storage = estate.storageAccounts[0];
    expect(storage).toBeDefined();
    const container = `${storage?.armId ?? ''}/blobServices/default/containers/raw`;
    const bob = estate.users.find((u) => u.name === 'bob@contoso.com');
    const assignment = estate.roleAssignments.find((a) => a.principal === bob?.id);
    const atContainer = { ...estate, roleAssignments: estate.roleAssignments.map((a) => (a === assignment ? { ...a, scope: container } : a)) };
    const findings = runRuleOn(roleAssignmentWriters, atContainer);
    expect(findings.map((f) => f.subjects)).toEqual([[storage?.id]]);
  });

  it('stays quiet when someone holds Owner above that scope', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: `${planned}  - { principal: alice@contoso.com, role: Owner, scope: rg-ml }\n` }));
    expect(runRuleOn(roleAssignmentWriters, estate)).toEqual([]);
  });

  it('stays quiet when a member of a nested group inherits Owner through it', () => {
    const extra = `${planned}  - { principal: platform-admins, role: Owner, scope: rg-ml }
groups:
  - name: platform-admins
    members: [ops]
  - name: ops
    members: [carol@contoso.com]
`;
    expect(runRuleOn(roleAssignmentWriters, estateFromYaml(baseEstateYaml({ extra })))).toEqual([]);
  });

  it('still notes the scope when the group above it holds only Contributor', () => {
    const extra = `${planned}  - { principal: ops, role: Contributor, scope: rg-ml }
groups:
  - name: ops
    members: [carol@contoso.com]
`;
    // Both planned scopes (the workspace and the resource group itself) are left without a writer.
    const estate = estateFromYaml(baseEstateYaml({ extra }));
    const subjects = runRuleOn(roleAssignmentWriters, estate).map((f) => f.subjects[0]);
    expect(subjects).toHaveLength(2);
    expect(subjects).toContain(estate.workspaces[0]?.id);
  });

  // A managed application's lock: everyone is denied every write on the resource group but the principals it exempts.
  const lockedBy = (exempt: string) => `deny_assignments:
  - name: managed-app-lock
    scope: rg-ml
    principals: everyone
    exclude_principals: [${exempt}]
    actions: ['*']
    not_actions: ['*/read']
`;

  it('notes the scopes under a deny of everyone when the principal it exempts may not write there, whatever Owners hold', () => {
    const extra = `${planned}  - { principal: alice@contoso.com, role: Owner, scope: rg-ml }
  - { principal: carol@contoso.com, role: Reader, scope: rg-ml }
${lockedBy('carol@contoso.com')}`;
    const estate = estateFromYaml(baseEstateYaml({ extra }));
    // The workspace and the resource group itself (where Alice's planned Owner is) are both left without a writer.
    const subjects = runRuleOn(roleAssignmentWriters, estate).map((f) => f.subjects[0]);
    expect(subjects).toHaveLength(2);
    expect(subjects).toContain(estate.workspaces[0]?.id);
  });

  it('stays quiet under a deny of everyone when a member of a group it exempts holds Owner', () => {
    const extra = `${planned}  - { principal: alice@contoso.com, role: Owner, scope: rg-ml }
groups:
  - name: platform-admins
    members: [ops]
  - name: ops
    members: [alice@contoso.com]
${lockedBy('platform-admins')}`;
    expect(runRuleOn(roleAssignmentWriters, estateFromYaml(baseEstateYaml({ extra })))).toEqual([]);
  });

  it('stays quiet for an observed estate, whose assignments already exist', () => {
    expect(runRuleOn(roleAssignmentWriters, estateFromYaml(baseEstateYaml({ assignments: 'observed', extra: planned })))).toEqual([]);
  });
});
