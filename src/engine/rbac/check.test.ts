import { describe, expect, it } from 'vitest';
import { entityId, type EntityId, type RoleId } from '../model/ids';
import type { RoleAssignment } from '../model/types';
import { createRoleCatalog } from './catalog';
import { check } from './check';
import { buildRbacIndex } from './rbac-index';
import { customRole, EstateBuilder, permission } from '../testing/rbac';
import type { AccessQuestion } from './types';

const MLS = 'Microsoft.MachineLearningServices/workspaces';
const ROLE_WRITE = 'Microsoft.Authorization/roleAssignments/write';
const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
const PULL = 'Microsoft.ContainerRegistry/registries/pull/read';

function ask(b: EstateBuilder, principal: EntityId, action: string, scope: string, dataAction = false) {
  return check(buildRbacIndex(b.estate), { principal, action, scope, dataAction });
}

function singleRoleSetup(role: string) {
  const b = new EstateBuilder();
  const sub = b.sub('sub1');
  const rg = b.rg(sub, 'rg-ml');
  const ws = b.workspace(rg, 'ws1');
  const sa = b.storage(rg, 'sa1');
  const alice = b.user('alice');
  const assignment = b.assign(alice, role, rg);
  return { b, sub, rg, ws, sa, alice, assignment };
}

describe('check with the real built-in roles', () => {
  it('denies Contributor a role assignment write but grants it other writes', () => {
    const { b, alice, rg, ws } = singleRoleSetup('Contributor');
    const d = ask(b, alice, ROLE_WRITE, rg);
    expect(d.effect).toBe('denied');
    expect(d.grants).toEqual([]);
    expect(d.exclusions).toHaveLength(1);
    expect(d.exclusions[0]).toMatchObject({
      roleName: 'Contributor',
      matchedPattern: '*',
      notPattern: 'Microsoft.Authorization/*/Write',
    });
    expect(ask(b, alice, `${MLS}/computes/write`, ws).effect).toBe('allowed');
  });

  it('grants Owner and User Access Administrator a role assignment write', () => {
    for (const role of ['Owner', 'User Access Administrator']) {
      const { b, alice, ws } = singleRoleSetup(role);
      const d = ask(b, alice, ROLE_WRITE, ws);
      expect(d.effect, role).toBe('allowed');
      expect(d.grants[0]?.roleName).toBe(role);
    }
    const { b, alice, ws } = singleRoleSetup('User Access Administrator');
    expect(ask(b, alice, ROLE_WRITE, ws).grants[0]?.matchedPattern).toBe('Microsoft.Authorization/*');
  });

  it('lets AzureML Data Scientist score endpoints and read the workspace, but not touch compute or the workspace', () => {
    const { b, alice, ws } = singleRoleSetup('AzureML Data Scientist');
    const endpoint = `${ws}/onlineEndpoints/ep1`;
    const score = ask(b, alice, `${MLS}/onlineEndpoints/score/action`, endpoint);
    expect(score.effect).toBe('allowed');
    expect(score.grants[0]?.matchedPattern).toBe(`${MLS}/*/action`);
    const read = ask(b, alice, `${MLS}/read`, ws);
    expect(read.effect).toBe('allowed');
    expect(read.grants[0]?.matchedPattern).toBe(`${MLS}/*/read`);

    const computeWrite = ask(b, alice, `${MLS}/computes/write`, ws);
    expect(computeWrite.effect).toBe('denied');
    expect(computeWrite.exclusions[0]?.notPattern).toBe(`${MLS}/computes/*/write`);
    const computeDelete = ask(b, alice, `${MLS}/computes/delete`, ws);
    expect(computeDelete.effect).toBe('denied');
    expect(computeDelete.exclusions[0]?.notPattern).toBe(`${MLS}/computes/*/delete`);
    const wsWrite = ask(b, alice, `${MLS}/write`, ws);
    expect(wsWrite.effect).toBe('denied');
    expect(wsWrite.exclusions[0]?.notPattern).toBe(`${MLS}/write`);
    // Still may start a compute (an action, not a write).
    expect(ask(b, alice, `${MLS}/computes/start/action`, ws).effect).toBe('allowed');
    expect(ask(b, alice, `${MLS}/datastores/listsecrets/action`, ws).effect).toBe('allowed');
  });

  it('grants the blob read data action through Storage Blob Data Reader, and no control-plane write', () => {
    const { b, alice, sa } = singleRoleSetup('Storage Blob Data Reader');
    const container = `${sa}/blobServices/default/containers/c1`;
    const data = ask(b, alice, BLOB_READ, container, true);
    expect(data.effect).toBe('allowed');
    expect(data.grants[0]?.matchedPattern).toBe(BLOB_READ);
    // The same string asked as a control action is not granted: DataActions never grant Actions.
    expect(ask(b, alice, BLOB_READ, container, false).effect).toBe('denied');
    expect(
      ask(b, alice, 'Microsoft.Storage/storageAccounts/blobServices/containers/write', container).effect,
    ).toBe('denied');
    expect(ask(b, alice, 'Microsoft.Storage/storageAccounts/write', sa).effect).toBe('denied');
    expect(
      ask(b, alice, 'Microsoft.Storage/storageAccounts/blobServices/containers/read', container).effect,
    ).toBe('allowed');
  });

  it('does not grant data actions to Owner, although its Actions are "*"', () => {
    const { b, alice, sa } = singleRoleSetup('Owner');
    const d = ask(b, alice, BLOB_READ, sa, true);
    expect(d.effect).toBe('denied');
    expect(d.grants).toEqual([]);
    // Owner can still list keys, which is a control action.
    expect(ask(b, alice, 'Microsoft.Storage/storageAccounts/listKeys/action', sa).effect).toBe('allowed');
  });

  it('grants Key Vault Secrets User secret reads as data actions only', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const kv = b.keyVault(rg, 'kv1');
    const uai = b.uai(rg, 'uai1');
    b.assign(uai, 'Key Vault Secrets User', kv);
    expect(
      ask(b, uai, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', `${kv}/secrets/db`, true).effect,
    ).toBe('allowed');
    expect(ask(b, uai, 'Microsoft.KeyVault/vaults/secrets/getSecret/action', kv, false).effect).toBe(
      'denied',
    );
    expect(ask(b, uai, 'Microsoft.KeyVault/vaults/secrets/setSecret/action', kv, true).effect).toBe('denied');
  });
});

describe('scope inheritance', () => {
  function mgSetup() {
    const b = new EstateBuilder();
    const root = b.mg('contoso');
    const prod = b.mg('prod', root);
    const dev = b.mg('dev', root);
    const subProd = b.sub('sub-prod', prod);
    const subDev = b.sub('sub-dev', dev);
    const rgProd = b.rg(subProd, 'rg');
    const rgDev = b.rg(subDev, 'rg');
    const acrProd = b.registry(rgProd, 'acrprod');
    const acrDev = b.registry(rgDev, 'acrdev');
    const bob = b.user('bob');
    return { b, root, prod, dev, acrProd, acrDev, bob };
  }

  it('lets an assignment at a management group reach resources in subscriptions placed under it', () => {
    const { b, prod, acrProd, acrDev, bob } = mgSetup();
    const a = b.assign(bob, 'AcrPull', prod);
    const d = ask(b, bob, PULL, acrProd);
    expect(d.effect).toBe('allowed');
    expect(d.grants[0]).toMatchObject({ assignmentId: a.id, assignedScope: prod });
    expect(ask(b, bob, PULL, acrDev).effect).toBe('denied');
  });

  it('inherits from the parent management group and from the tenant root', () => {
    const { b, root, acrProd, acrDev, bob } = mgSetup();
    b.assign(bob, 'AcrPull', root);
    expect(ask(b, bob, PULL, acrProd).effect).toBe('allowed');
    expect(ask(b, bob, PULL, acrDev).effect).toBe('allowed');
    const c = mgSetup();
    c.b.assign(c.bob, 'AcrPull', '/');
    expect(ask(c.b, c.bob, PULL, c.acrDev).effect).toBe('allowed');
  });

  it('does not let an assignment flow up or sideways', () => {
    const { b, acrProd, bob } = mgSetup();
    b.assign(bob, 'AcrPull', acrProd);
    expect(ask(b, bob, PULL, '/subscriptions/sub-prod/resourceGroups/rg').effect).toBe('denied');
    expect(
      ask(
        b,
        bob,
        PULL,
        '/subscriptions/sub-prod/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrprod2',
      ).effect,
    ).toBe('denied');
  });

  it('reaches child resources the estate does not list', () => {
    const { b, bob } = mgSetup();
    const rg = '/subscriptions/sub-prod/resourceGroups/rg';
    b.assign(bob, 'Storage Blob Data Reader', rg);
    const container = `${rg}/providers/Microsoft.Storage/storageAccounts/unlisted/blobServices/default/containers/c`;
    expect(ask(b, bob, BLOB_READ, container, true).effect).toBe('allowed');
  });

  it('compares scopes and actions case-insensitively', () => {
    const { b, acrProd, bob } = mgSetup();
    b.assign(
      bob,
      'AcrPull',
      acrProd.toUpperCase().replace('/SUBSCRIPTIONS/SUB-PROD', '/subscriptions/SUB-PROD'),
    );
    const d = ask(b, bob, PULL.toUpperCase(), acrProd.toLowerCase());
    expect(d.effect).toBe('allowed');
    expect(ask(b, bob, 'microsoft.containerregistry/registries/PULL/read', `${acrProd}/`).effect).toBe(
      'allowed',
    );
  });
});

describe('groups', () => {
  it('grants through nested groups and records the group path', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg-ml');
    const acr = b.registry(rg, 'acrprod');
    const uai = b.uai(rg, 'uai-train');
    const g1 = b.group('g1', [uai]);
    const g2 = b.group('g2', [g1]);
    b.assign(g2, 'AcrPull', rg);
    const d = ask(b, uai, PULL, acr);
    expect(d.effect).toBe('allowed');
    expect(d.grants[0]?.viaGroups).toEqual([g1, g2]);
  });

  it('terminates on a membership cycle and still finds the grant', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const acr = b.registry(rg, 'acr');
    const carol = b.user('carol');
    const a = b.group('a', [carol]);
    const c = b.group('c', [a]);
    b.addMember(a, c);
    const self = b.group('self');
    b.addMember(self, self);
    b.addMember(self, carol);
    b.assign(c, 'AcrPull', acr);
    const index = buildRbacIndex(b.estate);
    expect(
      index
        .groupsOf(carol)
        .map((m) => m.group)
        .sort(),
    ).toEqual([a, c, self].sort());
    expect(index.groupsOf(a).map((m) => m.group)).toEqual([c]);
    const d = check(index, { principal: carol, action: PULL, scope: acr });
    expect(d.effect).toBe('allowed');
    expect(d.grants.map((g) => g.viaGroups)).toEqual([[a, c]]);
  });

  it('lists every granting assignment, direct and through groups, at every scope', () => {
    const b = new EstateBuilder();
    const sub = b.sub('s');
    const rg = b.rg(sub, 'rg');
    const acr = b.registry(rg, 'acr');
    const dave = b.user('dave');
    const g = b.group('g', [dave]);
    const ids = [
      b.assign(dave, 'AcrPull', acr),
      b.assign(g, 'AcrPush', rg),
      b.assign(dave, 'Owner', sub),
      b.assign(g, 'Reader', sub),
    ].map((a) => a.id);
    const d = ask(b, dave, PULL, acr);
    expect(d.effect).toBe('allowed');
    expect(d.grants.map((x) => x.assignmentId).sort()).toEqual(ids.slice(0, 4).sort());
    // Nearest scope first.
    expect(d.grants[0]?.assignmentId).toBe(ids[0]);
  });
});

describe('per-role subtraction', () => {
  it('does not let one role NotActions take away what another role grants', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const erin = b.user('erin');
    b.assign(erin, 'Contributor', rg);
    const uaa = b.assign(erin, 'User Access Administrator', rg);
    const d = ask(b, erin, ROLE_WRITE, rg);
    expect(d.effect).toBe('allowed');
    expect(d.grants.map((g) => g.assignmentId)).toEqual([uaa.id]);
    expect(d.exclusions.map((x) => x.roleName)).toEqual(['Contributor']);
  });

  it('subtracts NotActions per permission block of a custom role', () => {
    const custom = customRole('11111111-2222-3333-4444-555555555555', 'Two blocks', [
      {
        actions: ['Microsoft.Foo/*'],
        notActions: ['Microsoft.Foo/bar/write'],
        dataActions: [],
        notDataActions: [],
      },
      permission({ actions: ['Microsoft.Foo/bar/*'] }),
    ]);
    const b = new EstateBuilder();
    b.estate.roleDefinitions.push(custom);
    const rg = b.rg(b.sub('s'), 'rg');
    const u = b.user('u');
    b.assign(u, custom.id, rg);
    expect(ask(b, u, 'Microsoft.Foo/bar/write', rg).effect).toBe('allowed');
    expect(ask(b, u, 'Microsoft.Foo/baz/write', rg).effect).toBe('allowed');
  });

  it('applies NotDataActions to data actions only', () => {
    const custom = customRole('22222222-2222-3333-4444-555555555555', 'Blob reader but not deleter', [
      {
        actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'],
        notActions: [],
        dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
        notDataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'],
      },
    ]);
    const b = new EstateBuilder();
    b.estate.roleDefinitions.push(custom);
    const rg = b.rg(b.sub('s'), 'rg');
    const u = b.user('u');
    b.assign(u, custom.id, rg);
    const del = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete';
    expect(ask(b, u, del, rg, true).effect).toBe('denied');
    expect(ask(b, u, del, rg, true).exclusions[0]?.notPattern).toBe(del);
    expect(ask(b, u, del, rg, false).effect).toBe('allowed');
    expect(ask(b, u, BLOB_READ, rg, true).effect).toBe('allowed');
  });
});

describe('deny assignments', () => {
  function denySetup() {
    const b = new EstateBuilder();
    const sub = b.sub('s');
    const rg = b.rg(sub, 'rg');
    const sa = b.storage(rg, 'sa');
    const frank = b.user('frank');
    const grace = b.user('grace');
    const admins = b.group('admins', [grace]);
    b.assign(frank, 'Owner', sub);
    b.assign(grace, 'Owner', sub);
    return { b, sub, rg, sa, frank, grace, admins };
  }

  it('beats a grant and is reported', () => {
    const { b, rg, sa, frank } = denySetup();
    b.deny('lock', rg, { actions: ['*/delete'] });
    const d = ask(b, frank, 'Microsoft.Storage/storageAccounts/delete', sa);
    expect(d.effect).toBe('denied');
    expect(d.allowed).toBe(false);
    expect(d.deniedBy).toMatchObject({ name: 'lock', matchedPattern: '*/delete', scope: rg });
    expect(d.grants).toHaveLength(1);
    expect(ask(b, frank, 'Microsoft.Storage/storageAccounts/write', sa).effect).toBe('allowed');
  });

  it('spares excluded principals, including members of an excluded group', () => {
    const { b, rg, sa, frank, grace, admins } = denySetup();
    b.deny('lock', rg, { actions: ['*'], notActions: ['*/read'] }, { exclude: [admins] });
    expect(ask(b, frank, 'Microsoft.Storage/storageAccounts/write', sa).effect).toBe('denied');
    expect(ask(b, frank, 'Microsoft.Storage/storageAccounts/read', sa).effect).toBe('allowed');
    expect(ask(b, grace, 'Microsoft.Storage/storageAccounts/write', sa).effect).toBe('allowed');
  });

  it('applies only to listed principals, including through groups', () => {
    const { b, rg, sa, frank, grace, admins } = denySetup();
    b.deny('admins-only', rg, { actions: ['*'] }, { principals: [admins] });
    expect(ask(b, grace, 'Microsoft.Storage/storageAccounts/write', sa).effect).toBe('denied');
    expect(ask(b, frank, 'Microsoft.Storage/storageAccounts/write', sa).effect).toBe('allowed');
  });

  it('stays at its own scope when it does not apply to child scopes', () => {
    const { b, rg, sa, frank } = denySetup();
    b.deny('rg-only', rg, { actions: ['*'] }, { childScopes: false });
    expect(ask(b, frank, 'Microsoft.Resources/subscriptions/resourceGroups/write', rg).effect).toBe('denied');
    expect(ask(b, frank, 'Microsoft.Storage/storageAccounts/write', sa).effect).toBe('allowed');
  });

  it('blocks data actions only through its DataActions', () => {
    const { b, rg, sa, frank } = denySetup();
    b.assign(frank, 'Storage Blob Data Owner', rg);
    b.deny('no-blob-writes', sa, {
      dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'],
    });
    const write = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write';
    expect(ask(b, frank, write, sa, true).effect).toBe('denied');
    expect(ask(b, frank, write, sa, false).effect).toBe('allowed');
    expect(ask(b, frank, BLOB_READ, sa, true).effect).toBe('allowed');
  });
});

describe('conditions', () => {
  it('yields conditional when only conditioned assignments grant', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const sa = b.storage(rg, 'sa');
    const u = b.user('u');
    const cond =
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'";
    b.assign(u, 'Storage Blob Data Reader', sa, { condition: cond, conditionVersion: '2.0' });
    const d = ask(b, u, BLOB_READ, sa, true);
    expect(d.effect).toBe('conditional');
    expect(d.allowed).toBe(false);
    expect(d.grants[0]?.condition).toBe(cond);
  });

  it('is bypassed by an unconditioned grant of the same action', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const sa = b.storage(rg, 'sa');
    const u = b.user('u');
    b.assign(u, 'Storage Blob Data Reader', sa, { condition: 'x', conditionVersion: '2.0' });
    b.assign(u, 'Storage Blob Data Contributor', rg);
    const d = ask(b, u, BLOB_READ, sa, true);
    expect(d.effect).toBe('allowed');
    expect(d.grants).toHaveLength(2);
  });

  it('treats a blank condition as no condition', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const u = b.user('u');
    b.assign(u, 'Reader', rg, { condition: '  ' });
    expect(ask(b, u, 'Microsoft.Storage/storageAccounts/read', rg).effect).toBe('allowed');
  });
});

describe('unknowns and resolution', () => {
  it('denies an unknown principal and says so', () => {
    const { b, rg } = singleRoleSetup('Owner');
    const d = ask(b, entityId('user:nobody'), 'Microsoft.Storage/storageAccounts/read', rg);
    expect(d.effect).toBe('denied');
    expect(d.unknown).toEqual({ principal: 'user:nobody' });
  });

  it('denies an unknown scope and says so', () => {
    const { b, alice } = singleRoleSetup('Owner');
    const d = ask(
      b,
      alice,
      'Microsoft.Storage/storageAccounts/read',
      '/subscriptions/elsewhere/resourceGroups/x',
    );
    expect(d.effect).toBe('denied');
    expect(d.unknown).toEqual({ scope: '/subscriptions/elsewhere/resourceGroups/x' });
  });

  it('accepts a principal by name or object id and a scope by name', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg-ml');
    const u = b.user('Heidi', '0b8e6a2c-0000-4000-8000-000000000001');
    b.assign(u, 'Reader', rg);
    const index = buildRbacIndex(b.estate);
    const q = (principal: string, scope: string): AccessQuestion => ({
      principal: principal as EntityId,
      action: 'Microsoft.Resources/subscriptions/resourceGroups/read',
      scope,
    });
    expect(check(index, q('heidi', 'rg-ml')).effect).toBe('allowed');
    expect(check(index, q('0B8E6A2C-0000-4000-8000-000000000001', rg)).effect).toBe('allowed');
  });

  it('reports assignments whose role the catalog does not know', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const u = b.user('u');
    const a = b.assign(u, '99999999-9999-9999-9999-999999999999', rg);
    const d = ask(b, u, 'Microsoft.Storage/storageAccounts/read', rg);
    expect(d.effect).toBe('denied');
    expect(d.unresolvedRoles?.map((x) => x.assignmentId)).toEqual([a.id]);
  });

  it('counts principals that only appear in assignments or memberships as known', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const ghostMember = entityId('user:not-listed');
    b.group('g', [ghostMember]);
    expect(ask(b, ghostMember, 'Microsoft.Storage/storageAccounts/read', rg).unknown).toBeUndefined();
  });
});

describe('extra assignments', () => {
  it('adds them without touching the estate', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const acr = b.registry(rg, 'acr');
    const uai = b.uai(rg, 'uai');
    const extra: RoleAssignment = {
      id: entityId('auto-1'),
      principal: uai,
      role: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId,
      scope: acr,
      origin: 'automatic',
      reason: 'Azure ML grants the compute identity AcrPull',
    };
    const before = JSON.stringify(b.estate);
    const index = buildRbacIndex(b.estate, { extraAssignments: [extra] });
    const d = check(index, { principal: uai, action: PULL, scope: acr });
    expect(d.effect).toBe('allowed');
    expect(d.grants[0]).toMatchObject({ assignmentId: 'auto-1', origin: 'automatic' });
    expect(JSON.stringify(b.estate)).toBe(before);
    expect(check(buildRbacIndex(b.estate), { principal: uai, action: PULL, scope: acr }).effect).toBe(
      'denied',
    );
  });

  it('uses a supplied catalog', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const u = b.user('u');
    const role = customRole('33333333-2222-3333-4444-555555555555', 'Only here', [permission({ actions: ['Microsoft.Foo/read'] })]);
    b.assign(u, role.id, rg);
    expect(ask(b, u, 'Microsoft.Foo/read', rg).effect).toBe('denied');
    const index = buildRbacIndex(b.estate, { catalog: createRoleCatalog([role]) });
    expect(check(index, { principal: u, action: 'Microsoft.Foo/read', scope: rg }).effect).toBe('allowed');
  });
});
