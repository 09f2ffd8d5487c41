import { describe, expect, it } from 'vitest';
import { buildRbacIndex, check } from '../../rbac';
import { readInputs } from '../inputs';
import roleDefinitions from './fixtures/role-definition-list.json';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const ROLE_ID = '9d1c3a0e-5b7f-4c2d-8e6a-1f0b2c3d4e5f';
const ALICE = 'eeeeeeee-0000-4000-8000-000000000001';
// A custom delegation role as `az role definition list --custom-role-only -o json` prints it: it may write role
// assignments only for Storage Blob Data Reader (the condition Azure's delegation roles use).
const DELEGATION = {
  assignableScopes: [SUB],
  description: 'Grants blob read to others, nothing more',
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_ID}`,
  name: ROLE_ID,
  permissions: [
    {
      actions: ['Microsoft.Authorization/roleAssignments/write'],
      condition:
        "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {2a2b9908-6ea1-4ae2-8e65-a410df84e7d1}))",
      conditionVersion: '2.0',
      dataActions: [],
      notActions: [],
      notDataActions: [],
    },
  ],
  roleName: 'Blob reader delegator',
  roleType: 'CustomRole',
  type: 'Microsoft.Authorization/roleDefinitions',
};
const ASSIGNMENT = [
  {
    condition: null,
    conditionVersion: null,
    id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/30000000-0000-4000-8000-000000000001`,
    name: '30000000-0000-4000-8000-000000000001',
    principalId: ALICE,
    principalName: 'alice@contoso.com',
    principalType: 'User',
    roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_ID}`,
    roleDefinitionName: 'Blob reader delegator',
    scope: SUB,
    type: 'Microsoft.Authorization/roleAssignments',
  },
];

function read(definitions: unknown[]) {
  const result = readInputs([
    { file: 'roles.json', text: JSON.stringify(definitions, null, 2) },
    { file: 'assignments.json', text: JSON.stringify(ASSIGNMENT, null, 2) },
  ]);
  if (!result.estate) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.estate;
}

describe('conditions on custom role definitions from az role definition list', () => {
  it('are kept on the permission block, so the role grants only where the condition holds', () => {
    const estate = read([DELEGATION]);
    expect(estate.roleDefinitions.find((r) => r.id === ROLE_ID)?.permissions[0]?.condition).toBe(DELEGATION.permissions[0]?.condition);
    const index = buildRbacIndex(estate);
    const principal = index.resolvePrincipal(ALICE);
    expect(principal).toBeDefined();
    const decision = check(index, { principal: principal!, action: 'Microsoft.Authorization/roleAssignments/write', scope: SUB, dataAction: false });
    // The question does not say which role is being assigned: conditional, never a plain allow.
    expect(decision.effect).toBe('conditional');
  });

  it('leave no condition where az prints null', () => {
    const estate = read(roleDefinitions);
    expect(estate.roleDefinitions.every((r) => r.permissions.every((p) => p.condition === undefined))).toBe(true);
  });
});

describe('a role definition condition in the native format', () => {
  it('is written in the list form and read back', async () => {
    const { writeNativeEstate, readNativeEstate } = await import('../native');
    const estate = read([DELEGATION]);
    const text = writeNativeEstate(estate, 'yaml');
    const back = readNativeEstate(text, 'back.yaml');
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back.estate?.roleDefinitions.find((r) => r.id === ROLE_ID)?.permissions[0]?.condition).toBe(DELEGATION.permissions[0]?.condition);
  });
});

describe('assignable scopes of az role definition list', () => {
  it('keeps `/` and ARM ids, and refuses anything else with an error at the scope that quotes it', () => {
    for (const bad of ['', '-1', 'rg-ml']) {
      const result = readInputs([
        { file: 'roles.json', text: JSON.stringify([{ ...DELEGATION, assignableScopes: [SUB, bad] }], null, 2) },
      ]);
      expect(result.estate).toBeUndefined();
      expect(result.diagnostics).toContainEqual(
        expect.objectContaining({
          severity: 'error',
          file: 'roles.json',
          line: 5,
          path: '[0].assignableScopes[1]',
          message: expect.stringContaining(`as an assignable scope, found \`${bad}\``),
        }),
      );
    }
    const estate = read([{ ...DELEGATION, assignableScopes: [SUB, '/'] }]);
    expect(estate.roleDefinitions.find((r) => r.id === ROLE_ID)?.assignableScopes).toEqual([SUB, '/']);
  });
});
