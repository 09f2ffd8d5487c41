import { describe, expect, it } from 'vitest';
import { isGuid } from '../model/ids';
import type { RoleDefinition } from '../model/types';
import { BUILT_IN_ROLES, builtInRoleAlias, findBuiltInRole, isBuiltInRoleId } from './builtin-roles';
import { FACT_SHEET_ROLES } from './fact-sheet-roles.fixture';
import { ROLE_ALIASES } from './role-aliases';

// Every role of fact-sheet section 3, with its GUID.
const EXPECTED: Record<string, string> = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'AzureML Data Scientist': 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
  'AzureML Compute Operator': 'e503ece1-11d0-4e8e-8e2c-7a6c3bf38815',
  'AzureML Metrics Writer (preview)': '635dd51f-9968-44d3-b7fb-6d9a6bd613ae',
  'AzureML Registry User': '1823dd4f-9b8c-4ab6-ab4e-7397a3684615',
  'Azure Machine Learning Workspace Connection Secrets Reader': 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5',
  'Azure AI Administrator': 'b78c5d69-af96-48a3-bf8d-a8b4d589de94',
  'Azure AI Enterprise Network Connection Approver': 'b556d68e-0be0-4f35-a333-ad7ee1ce17ea',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  AcrDelete: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Contributor': 'f25e0fa2-a7c8-4377-a976-54943a77a395',
  'Managed Identity Operator': 'f1a07417-d97a-45cb-824c-7a7467783830',
  'Reader and Data Access': 'c12c1c16-33a1-487b-954d-41c89c60f349',
  'Key Vault Reader': '21090545-7ca7-4776-b22c-e363652d74d2',
  'Managed Identity Contributor': 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
  'Storage File Data Privileged Contributor': '69566ab7-960f-475b-8e7c-b3118f30c6bd',
  'Storage File Data Privileged Reader': 'b8eda974-7b85-4f76-af95-65846b26df6d',
  'Azure AI Developer': '64702f94-c441-49e6-a78b-ef80e0188fee',
  'Azure AI Inference Deployment Operator': '3afb7f49-54cb-416e-8c09-6dc049efa503',
  'Azure AI User': '53ca6127-db72-4b80-b1b0-d745d6d5456d',
};

// Roles the fact sheet knew only by GUID (and at most in part): the generated catalog now has them whole.
const ONCE_PARTIAL = [
  'Key Vault Reader',
  'Managed Identity Contributor',
  'Storage File Data Privileged Contributor',
  'Storage File Data Privileged Reader',
  'Azure AI Developer',
  'Azure AI Inference Deployment Operator',
  'Azure AI User',
  'Azure AI Enterprise Network Connection Approver',
];

const all = (role: RoleDefinition | undefined, key: 'actions' | 'notActions' | 'dataActions' | 'notDataActions') =>
  (role?.permissions ?? []).flatMap((block) => block[key]);

describe('BUILT_IN_ROLES', () => {
  it('holds every built-in role of the dump (928), each GUID once', () => {
    expect(BUILT_IN_ROLES).toHaveLength(928);
    expect(new Set(BUILT_IN_ROLES.map((r) => r.id)).size).toBe(928);
  });

  it('holds every role of the fact sheet under its GUID; the one renamed since answers to its former name', () => {
    for (const [name, guid] of Object.entries(EXPECTED)) {
      expect(findBuiltInRole(guid)?.id, name).toBe(guid);
      expect(findBuiltInRole(name)?.id, name).toBe(guid);
    }
    expect(findBuiltInRole(EXPECTED['Azure AI User'] as string)?.name).toBe('Foundry User');
  });

  it('agrees exactly with every definition the fact sheet gives in full', () => {
    for (const [guid, name, actions, notActions, dataActions, notDataActions] of FACT_SHEET_ROLES) {
      const role = findBuiltInRole(guid);
      expect(role?.name, guid).toBe(name);
      expect(role?.permissions, name).toHaveLength(1);
      // Azure AI Administrator: the fact sheet copied the preview list of S6; Azure has added to it since.
      const compare = name === 'Azure AI Administrator' ? 'superset' : 'exact';
      for (const [key, expected] of [
        ['actions', actions],
        ['notActions', notActions],
        ['dataActions', dataActions],
        ['notDataActions', notDataActions],
      ] as const) {
        if (compare === 'exact') expect(all(role, key), `${name} ${key}`).toEqual(expected);
        else expect(all(role, key), `${name} ${key}`).toEqual(expect.arrayContaining(expected));
      }
    }
  });

  it('replaces the partial stand-ins with the real definitions', () => {
    for (const name of ONCE_PARTIAL) {
      const role = findBuiltInRole(name);
      expect(role, name).toBeDefined();
      expect([...all(role, 'actions'), ...all(role, 'dataActions')].length, name).toBeGreaterThan(0);
      expect(role?.description ?? '', name).not.toMatch(/partial/i);
    }
    expect(all(findBuiltInRole('Key Vault Reader'), 'dataActions')).toContain('Microsoft.KeyVault/vaults/secrets/readMetadata/action');
    // The stand-in granted registries/read; the real role does not.
    expect(all(findBuiltInRole('Azure AI Enterprise Network Connection Approver'), 'actions')).not.toContain(
      'Microsoft.ContainerRegistry/registries/read',
    );
  });

  it('uses the built-in shape: lower-case GUID ids, BuiltInRole, assignable at /', () => {
    for (const role of BUILT_IN_ROLES) {
      expect(isGuid(role.id), role.name).toBe(true);
      expect(role.id).toBe(role.id.toLowerCase());
      expect(role.roleType).toBe('BuiltInRole');
      expect(role.assignableScopes).toEqual(['/']);
      expect(role.permissions.length).toBeGreaterThan(0);
    }
  });

  it('keeps the ABAC condition of a conditioned block, and none elsewhere', () => {
    const kvDataAdmin = findBuiltInRole('Key Vault Data Access Administrator');
    expect((kvDataAdmin?.permissions[0] as { condition?: string }).condition).toContain('roleAssignments');
    expect((findBuiltInRole('Owner')?.permissions[0] as { condition?: string }).condition).toBeUndefined();
  });

  it('spells every action in full: no abbreviations, no stray spaces but the two Azure itself publishes', () => {
    // Azure's own definitions of these two roles end one action with a space; the catalog copies Azure
    // exactly rather than guess what the service makes of it.
    const publishedWithSpace = new Set([
      'Azure Resilience Management Drills Target Resource Contributor|Microsoft.Network/virtualNetworks/read ',
      'Azure Resilience Management Drills Target Resource Administrator|Microsoft.Network/virtualNetworks/read ',
    ]);
    for (const role of BUILT_IN_ROLES) {
      for (const perm of role.permissions) {
        for (const action of [
          ...perm.actions,
          ...perm.notActions,
          ...perm.dataActions,
          ...perm.notDataActions,
        ]) {
          if (publishedWithSpace.has(`${role.name}|${action}`)) continue;
          expect(action, role.name).not.toMatch(/\.\.\.|\s/);
          expect(
            action === '*' || action.startsWith('*/') || /^[A-Za-z][\w-]*(\.[\w-]+)+\//.test(action),
            `${role.name}: ${action}`,
          ).toBe(true);
        }
      }
    }
  });

  it('copies the key definitions exactly', () => {
    const contributor = findBuiltInRole('Contributor');
    expect(contributor?.permissions[0]?.actions).toEqual(['*']);
    expect(contributor?.permissions[0]?.notActions).toHaveLength(11);
    expect(contributor?.permissions[0]?.notActions).toContain('Microsoft.Authorization/*/Write');
    const kvso = findBuiltInRole('Key Vault Secrets Officer');
    expect(kvso?.permissions[0]?.actions).toEqual(findBuiltInRole('Key Vault Administrator')?.permissions[0]?.actions);
    expect(kvso?.permissions[0]?.actions).toHaveLength(10);
    expect(findBuiltInRole('Azure AI Administrator')?.permissions[0]?.actions).toHaveLength(39);
  });
});

describe('findBuiltInRole', () => {
  it('finds a role by name in any casing, by GUID and by definition id', () => {
    expect(findBuiltInRole('acrpull')?.id).toBe(EXPECTED.AcrPull);
    expect(findBuiltInRole('  STORAGE BLOB DATA READER ')?.name).toBe('Storage Blob Data Reader');
    expect(findBuiltInRole('7F951DDA-4ED3-4680-A7CA-43FE172D538D')?.name).toBe('AcrPull');
    expect(
      findBuiltInRole(
        '/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c',
      )?.name,
    ).toBe('Contributor');
    expect(
      findBuiltInRole(
        '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      )?.name,
    ).toBe('Owner');
  });

  it('accepts the singular "Secret" spelling of the connection secrets role', () => {
    expect(findBuiltInRole('Azure Machine Learning Workspace Connection Secret Reader')?.id).toBe(
      'ea01e6af-a1c1-4350-9563-ad00f8c72ec5',
    );
  });

  it('resolves every alias to a current role, and says which names are aliases', () => {
    for (const alias of ROLE_ALIASES) {
      expect(findBuiltInRole(alias.name)?.id, alias.name).toBe(alias.id);
      expect(builtInRoleAlias(alias.name.toUpperCase())?.id).toBe(alias.id);
      expect(alias.source).not.toBe('');
    }
    expect(builtInRoleAlias('Foundry User')).toBeUndefined();
  });

  it('finds a real built-in role the old catalog lacked', () => {
    expect(findBuiltInRole('Cognitive Services User')?.id).toBe('a97b65f3-24c7-4388-baec-2e87135dc908');
    expect(isBuiltInRoleId('A97B65F3-24C7-4388-BAEC-2E87135DC908')).toBe(true);
    expect(isBuiltInRoleId('00000000-0000-0000-0000-000000000000')).toBe(false);
  });

  it('returns undefined for unknown names and GUIDs', () => {
    expect(findBuiltInRole('Super Admin')).toBeUndefined();
    expect(findBuiltInRole('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(findBuiltInRole('')).toBeUndefined();
  });
});
