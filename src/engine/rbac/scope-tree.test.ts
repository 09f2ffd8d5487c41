import { describe, expect, it } from 'vitest';
import { emptyEstate } from '../model/estate';
import { entityId } from '../model/ids';
import { createScopeTree, scopeCuts } from './scope-tree';
import { EstateBuilder } from '../testing/rbac';

function build() {
  const b = new EstateBuilder();
  const root = b.mg('contoso');
  const platform = b.mg('platform', root);
  const sandbox = b.mg('sandbox', root);
  const subA = b.sub('sub-a', platform);
  const subB = b.sub('sub-b', sandbox);
  const loose = b.sub('sub-loose');
  const rg = b.rg(subA, 'rg-ml');
  const sa = b.storage(rg, 'saml');
  return { b, root, platform, sandbox, subA, subB, loose, rg, sa, tree: createScopeTree(b.estate) };
}

describe('scopeCuts', () => {
  it('finds every scope boundary of an ARM id', () => {
    const segs = '/subscriptions/s/resourcegroups/rg/providers/ns/t/n/ct/cn'.slice(1).split('/');
    expect(scopeCuts(segs)).toEqual([2, 4, 8, 10]);
    expect(scopeCuts('/providers/microsoft.management/managementgroups/mg'.slice(1).split('/'))).toEqual([4]);
    expect(scopeCuts('/subscriptions/s/providers/microsoft.security/pricings/x'.slice(1).split('/'))).toEqual(
      [2, 6],
    );
  });
});

describe('createScopeTree', () => {
  it('walks a resource up through its group, subscription and management groups to the root', () => {
    const { tree, sa } = build();
    expect(tree.ancestors(sa)).toEqual([
      '/subscriptions/sub-a/resourcegroups/rg-ml/providers/microsoft.storage/storageaccounts/saml',
      '/subscriptions/sub-a/resourcegroups/rg-ml',
      '/subscriptions/sub-a',
      '/providers/microsoft.management/managementgroups/platform',
      '/providers/microsoft.management/managementgroups/contoso',
      '/',
    ]);
  });

  it('takes a subscription parent from the estate, not from its id', () => {
    const { tree, subA, subB, loose } = build();
    expect(tree.parentOf(subA)).toBe('/providers/microsoft.management/managementgroups/platform');
    expect(tree.parentOf(subB)).toBe('/providers/microsoft.management/managementgroups/sandbox');
    expect(tree.parentOf(loose)).toBe('/');
    expect(tree.parentOf('/subscriptions/not-in-estate')).toBe('/');
  });

  it('puts a management group without a parent directly under the tenant root', () => {
    const { tree, root } = build();
    expect(tree.parentOf(root)).toBe('/');
    expect(tree.parentOf('/')).toBeUndefined();
    expect(tree.ancestors('/')).toEqual(['/']);
  });

  it('strips one type/name pair per level for child resources not in the estate', () => {
    const { tree, sa } = build();
    const container = `${sa}/blobServices/default/containers/training`;
    expect(tree.ancestors(container).slice(0, 4)).toEqual([
      container.toLowerCase(),
      `${sa}/blobServices/default`.toLowerCase(),
      sa.toLowerCase(),
      '/subscriptions/sub-a/resourcegroups/rg-ml',
    ]);
    expect(tree.isKnown(container)).toBe(true);
  });

  it('gives an extension resource the scope it extends as parent', () => {
    const { tree, sa, subA } = build();
    const diag = `${sa}/providers/Microsoft.Insights/diagnosticSettings/d1`;
    expect(tree.parentOf(diag)).toBe(sa.toLowerCase());
    expect(tree.parentOf(`${subA}/providers/Microsoft.Security/pricings/default`)).toBe(
      '/subscriptions/sub-a',
    );
    expect(tree.parentOf('/providers/Microsoft.Capacity/reservationOrders/r1')).toBe('/');
    expect(
      tree.parentOf(
        '/providers/Microsoft.Management/managementGroups/contoso/providers/Microsoft.Authorization/policyDefinitions/p',
      ),
    ).toBe('/providers/microsoft.management/managementgroups/contoso');
  });

  it('ignores case and trailing slashes', () => {
    const { tree } = build();
    expect(tree.ancestors('/SUBSCRIPTIONS/sub-a/ResourceGroups/RG-ML/')).toEqual(
      tree.ancestors('/subscriptions/sub-a/resourceGroups/rg-ml'),
    );
    expect(tree.parentOf('/Subscriptions/SUB-A')).toBe(
      '/providers/microsoft.management/managementgroups/platform',
    );
  });

  it('knows scopes at or below the estate and not others', () => {
    const { tree } = build();
    expect(tree.isKnown('/')).toBe(true);
    expect(tree.isKnown('/subscriptions/sub-a/resourceGroups/anything')).toBe(true);
    expect(tree.isKnown('/subscriptions/ghost/resourceGroups/rg')).toBe(false);
    expect(tree.isKnown('/providers/Microsoft.Management/managementGroups/ghost')).toBe(false);
    expect(tree.isKnown('not-a-scope')).toBe(false);
  });

  it('counts assignment scopes and extra scopes as known', () => {
    const b = new EstateBuilder();
    const u = b.user('u');
    b.assign(u, 'Reader', '/subscriptions/only-assigned');
    const tree = createScopeTree(b.estate, { extraScopes: ['/subscriptions/extra'] });
    expect(tree.isKnown('/subscriptions/only-assigned/resourceGroups/x')).toBe(true);
    expect(tree.isKnown('/subscriptions/extra')).toBe(true);
  });

  it('survives a management-group cycle in the input', () => {
    const estate = emptyEstate();
    const a = entityId('/providers/Microsoft.Management/managementGroups/a');
    const c = entityId('/providers/Microsoft.Management/managementGroups/c');
    estate.managementGroups.push({ id: a, kind: 'managementGroup', name: 'a', armId: a, parent: c });
    estate.managementGroups.push({ id: c, kind: 'managementGroup', name: 'c', armId: c, parent: a });
    const tree = createScopeTree(estate);
    const chain = tree.ancestors(a);
    expect(chain[0]).toBe(a.toLowerCase());
    expect(chain).toContain(c.toLowerCase());
    expect(chain[chain.length - 1]).toBe('/');
    expect(new Set(chain).size).toBe(chain.length);
  });

  it('follows a management-group reference that is an ARM id even when the group is missing', () => {
    const estate = emptyEstate();
    const s = entityId('/subscriptions/s');
    estate.subscriptions.push({
      id: s,
      kind: 'subscription',
      name: 's',
      armId: s,
      subscriptionId: 's',
      managementGroup: entityId('/providers/Microsoft.Management/managementGroups/missing'),
    });
    expect(createScopeTree(estate).ancestors(s)).toEqual([
      '/subscriptions/s',
      '/providers/microsoft.management/managementgroups/missing',
      '/',
    ]);
  });
});

describe('createScopeTree from the tree of an earlier estate', () => {
  it('shares the earlier chains when the management groups and subscriptions are the same arrays', () => {
    const { b, sa, tree } = build();
    const edited = { ...b.estate, roleAssignments: [...b.estate.roleAssignments] };
    const next = createScopeTree(edited, { previous: tree });
    // The same frozen chain object: computed once, for both trees.
    expect(next.ancestors(sa)).toBe(tree.ancestors(sa));
  });

  it('computes chains again when a subscription moved to another management group', () => {
    const { b, sa, subA, sandbox, tree } = build();
    const before = tree.ancestors(sa);
    const moved = {
      ...b.estate,
      subscriptions: b.estate.subscriptions.map((s) => (s.id === subA ? { ...s, managementGroup: sandbox } : s)),
    };
    const next = createScopeTree(moved, { previous: tree });
    expect(next.ancestors(sa)).toEqual([...before.slice(0, 3), '/providers/microsoft.management/managementgroups/sandbox', ...before.slice(4)]);
    expect(next.ancestors(sa)).toEqual(createScopeTree(moved).ancestors(sa));
    // The earlier tree still answers for its own estate.
    expect(tree.ancestors(sa)).toBe(before);
  });

  it('knows the scopes of the new estate only', () => {
    const b = new EstateBuilder();
    const u = b.user('u');
    b.assign(u, 'Reader', '/subscriptions/only-assigned');
    const tree = createScopeTree(b.estate);
    const next = createScopeTree({ ...b.estate, roleAssignments: [] }, { previous: tree });
    expect(tree.isKnown('/subscriptions/only-assigned/resourceGroups/x')).toBe(true);
    expect(next.isKnown('/subscriptions/only-assigned/resourceGroups/x')).toBe(false);
  });
});
