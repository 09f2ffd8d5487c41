import { describe, expect, it } from 'vitest';
import type { EntityId, RoleId } from '../model/ids';
import { grantIdentity } from './grant-identity';

const grant = (principal: string, role: string, scope: string) => ({
  principal: principal as EntityId,
  role: role as RoleId,
  scope,
});

const scope = '/subscriptions/s1/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stdata';

describe('grantIdentity', () => {
  it('gives one key to the same grant written with other casing or a trailing slash', () => {
    const a = grantIdentity(grant('uai-train', 'AbC-1', scope));
    const b = grantIdentity(grant('uai-train', 'abc-1', `${scope.toUpperCase()}/`));
    expect(a).toBe(b);
  });

  it('tells grants apart by principal, role and scope', () => {
    const base = grantIdentity(grant('uai-train', 'role-1', scope));
    expect(grantIdentity(grant('uai-build', 'role-1', scope))).not.toBe(base);
    expect(grantIdentity(grant('uai-train', 'role-2', scope))).not.toBe(base);
    expect(grantIdentity(grant('uai-train', 'role-1', `${scope}/blobServices/default`))).not.toBe(base);
  });
});
