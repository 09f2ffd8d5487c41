import { describe, expect, it } from 'vitest';
import type { EntityId } from '../model/ids';
import type { Estate } from '../model/types';
import { buildRbacIndex, check } from '../rbac';
import { detectFormat } from './detect';
import { readInputs } from './inputs';
import { writeNativeEstate } from './native/writer';
import { parseDocuments } from './core/source';
import denyPage from './azcli/fixtures/deny-assignments-rest.json';
import roleAssignments from './azcli/fixtures/role-assignment-list.json';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const WS = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;
const SA = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlprod`;
const UAI_PRINCIPAL = 'bbbbbbbb-0000-4000-8000-000000000001';
const BLOB_DELETE = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete';

const text = (value: unknown) => JSON.stringify(value, null, 2);

function read(files: Record<string, unknown>) {
  const result = readInputs(
    Object.entries(files).map(([file, value]) => ({
      file,
      text: typeof value === 'string' ? value : text(value),
    })),
  );
  return { result, estate: result.estate as Estate };
}

describe('deny assignments from az rest', () => {
  it('reads the `{ "value": [...] }` page az rest prints, every field the REST reference documents', () => {
    expect(detectFormat(parseDocuments(text(denyPage), 'deny.json').docs).format).toBe('azcli-json');
    const { result, estate } = read({ 'ra.json': roleAssignments, 'deny.json': denyPage });
    expect(result.diagnostics.filter((d) => d.file === 'deny.json')).toEqual([]);
    expect(estate.denyAssignments).toHaveLength(denyPage.value.length);
    const [stack, raw] = estate.denyAssignments;
    expect(stack).toMatchObject({
      id: `${SUB}/resourceGroups/rg-ml/providers/Microsoft.Authorization/denyAssignments/30000000-0000-4000-8000-000000000001`,
      name: expect.stringContaining('Deny assignment created by Deployment Stack'),
      scope: `${SUB}/resourceGroups/rg-ml`,
      principals: 'everyone',
      excludePrincipals: [expect.stringContaining('dddddddd-0000-4000-8000-000000000009')],
      doNotApplyToChildScopes: false,
      permissions: {
        actions: ['*/write', '*/delete'],
        notActions: ['Microsoft.Resources/deploymentStacks/*', 'Microsoft.Authorization/locks/delete'],
        dataActions: [],
        notDataActions: [],
      },
      source: { file: 'deny.json' },
    });
    expect(stack?.condition).toBeUndefined();
    expect(raw).toMatchObject({
      name: 'Protect raw training data',
      condition:
        "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'raw'",
      conditionVersion: '2.0',
    });
    // The deny names the principal by object id; it is the same principal the role assignments name.
    const ra = estate.roleAssignments.find((a) => a.scope === WS);
    expect(raw?.principals).toEqual([ra?.principal]);
  });

  it('lets every deny it read reach the decision', () => {
    const { estate } = read({ 'ra.json': roleAssignments, 'deny.json': denyPage });
    const index = buildRbacIndex(estate);
    const principal = index.resolvePrincipal(UAI_PRINCIPAL) as EntityId;
    const write = check(index, {
      principal,
      action: 'Microsoft.MachineLearningServices/workspaces/computes/write',
      scope: WS,
    });
    expect(write.effect).toBe('denied');
    expect(write.deniedBy?.name).toContain('Deployment Stack');
    expect(write.grants.map((g) => g.roleName)).toEqual(['Contributor']);
    // The conditioned deny blocks deletes in the raw container only, and leaves the account undecided.
    const rawDelete = check(index, {
      principal,
      action: BLOB_DELETE,
      dataAction: true,
      scope: `${SA}/blobServices/default/containers/raw`,
    });
    expect(rawDelete.deniedBy).toMatchObject({
      name: 'Protect raw training data',
      conditionVerdict: { outcome: 'holds' },
    });
    const otherDelete = check(index, {
      principal,
      action: BLOB_DELETE,
      dataAction: true,
      scope: `${SA}/blobServices/default/containers/curated`,
    });
    expect(otherDelete.effect).toBe('allowed');
    expect(check(index, { principal, action: BLOB_DELETE, dataAction: true, scope: SA }).effect).toBe(
      'conditional',
    );
  });

  it('reads a bare list of deny assignments (it used to be dropped)', () => {
    const { result, estate } = read({ 'ra.json': roleAssignments, 'deny.json': denyPage.value });
    expect(result.skipped ?? []).toEqual([]);
    expect(estate.denyAssignments.map((d) => d.name)).toEqual(
      denyPage.value.map((d) => d.properties.denyAssignmentName),
    );
  });

  it('says when a page has more after it', () => {
    const { result } = read({
      'deny.json': {
        ...denyPage,
        nextLink: `https://management.azure.com${SUB}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01&$skiptoken=abc`,
      },
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        file: 'deny.json',
        message: expect.stringContaining('`nextLink`'),
      }),
    );
  });

  it('reads a deny with several permission blocks as one deny per block', () => {
    const [first] = denyPage.value;
    const twoBlocks = {
      ...first,
      properties: {
        ...first?.properties,
        permissions: [
          { actions: ['*/delete'], notActions: [], dataActions: [], notDataActions: [] },
          {
            actions: ['*/write'],
            notActions: ['Microsoft.Resources/tags/write'],
            dataActions: [],
            notDataActions: [],
          },
        ],
      },
    };
    const { estate } = read({ 'deny.json': { value: [twoBlocks] } });
    expect(estate.denyAssignments.map((d) => [d.id.slice(-15), d.permissions.actions])).toEqual([
      ['#permissions[0]', ['*/delete']],
      ['#permissions[1]', ['*/write']],
    ]);
  });

  it('refuses a deny it cannot place, at the deny, and imports nothing', () => {
    const [first] = denyPage.value;
    const noScope = { ...first, properties: { ...first?.properties, scope: undefined } };
    const { result } = read({ 'deny.json': { value: [noScope] } });
    expect(result.estate).toBeUndefined();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        file: 'deny.json',
        path: 'value[0]',
        line: 3,
        message: 'this deny assignment lacks `scope`, so it cannot be placed',
      }),
    );
    const noPrincipals = { ...first, properties: { ...first?.properties, principals: undefined } };
    const second = read({ 'deny.json': { value: [noPrincipals] } });
    expect(second.result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('lacks `principals`') }),
    );
  });

  it('keeps every deny, its condition included, through a save in the native format', () => {
    const { estate } = read({ 'ra.json': roleAssignments, 'deny.json': denyPage });
    const saved = writeNativeEstate(estate, 'yaml');
    const again = readInputs([{ file: 'estate.yaml', text: saved }]);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const strip = (list: Estate['denyAssignments']) => list.map(({ source: _source, ...rest }) => rest);
    expect(strip((again.estate as Estate).denyAssignments)).toEqual(strip(estate.denyAssignments));
  });

  it('reads role assignments from an az rest page the same way (REST shape, properties nested)', () => {
    const page = {
      value: [
        {
          properties: {
            roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
            principalId: UAI_PRINCIPAL,
            principalType: 'ServicePrincipal',
            scope: `${SUB}/resourceGroups/rg-ml`,
            condition: null,
            conditionVersion: null,
          },
          id: `${SUB}/resourceGroups/rg-ml/providers/Microsoft.Authorization/roleAssignments/40000000-0000-4000-8000-000000000001`,
          type: 'Microsoft.Authorization/roleAssignments',
          name: '40000000-0000-4000-8000-000000000001',
        },
      ],
    };
    const { result, estate } = read({ 'ra-rest.json': page });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(estate.roleAssignments).toEqual([
      expect.objectContaining({
        role: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
        scope: `${SUB}/resourceGroups/rg-ml`,
      }),
    ]);
  });
});
