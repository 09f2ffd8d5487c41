import { describe, expect, it } from 'vitest';
import { check, holdingsAlong, holdsNothingConditional } from './check';
import { buildRbacIndex } from './rbac-index';
import { customRole, EstateBuilder, permission } from '../testing/rbac';

const LIST_KEYS = { action: 'Microsoft.Storage/storageAccounts/listKeys/action', dataAction: false };
const BLOB_WRITE = { action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write', dataAction: true };

/** Two storage accounts in two resource groups of one subscription, and a user holding Contributor on it. */
function twoAccounts() {
  const b = new EstateBuilder();
  const sub = b.sub('s');
  const rg1 = b.rg(sub, 'rg1');
  const rg2 = b.rg(sub, 'rg2');
  const sa1 = b.storage(rg1, 'sa1');
  const sa2 = b.storage(rg2, 'sa2');
  const u = b.user('u');
  b.assign(u, 'Contributor', sub);
  return { b, sub, rg1, sa1, sa2, u };
}

describe('holdingsAlong and holdsNothingConditional', () => {
  it('give two scopes reached through the same assignments the same key, and check() the same answer there', () => {
    const { b, sa1, sa2, u } = twoAccounts();
    const index = buildRbacIndex(b.estate);
    expect(holdsNothingConditional(index, u, [LIST_KEYS, BLOB_WRITE])).toBe(true);
    const one = holdingsAlong(index, u, sa1);
    expect(one).toBeDefined();
    expect(one?.key).toBe(holdingsAlong(index, u, sa2)?.key);
    const at = (scope: string) => check(index, { principal: u, ...LIST_KEYS, scope });
    expect({ ...at(sa1), question: undefined }).toEqual({ ...at(sa2), question: undefined });
  });

  it('tell scopes apart where the principal holds a role at one of them only', () => {
    const { b, rg1, sa1, sa2, u } = twoAccounts();
    b.assign(u, 'Reader', rg1);
    const index = buildRbacIndex(b.estate);
    expect(holdingsAlong(index, u, sa1)?.key).not.toBe(holdingsAlong(index, u, sa2)?.key);
  });

  it('say a principal holding an assignment with a condition holds something conditional', () => {
    const { b, rg1, u } = twoAccounts();
    b.assign(u, 'Storage Blob Data Contributor', rg1, {
      condition: "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'",
      conditionVersion: '2.0',
    });
    const index = buildRbacIndex(b.estate);
    expect(holdsNothingConditional(index, u, [LIST_KEYS, BLOB_WRITE])).toBe(false);
    expect(holdsNothingConditional(index, 'nobody', [LIST_KEYS])).toBe(false);
  });

  it('give no key where a deny reaching the scope carries a condition, nor for an unknown scope or principal', () => {
    const { b, sub, sa1, sa2, u } = twoAccounts();
    const deny = b.deny('d', sa1, { actions: [LIST_KEYS.action] });
    deny.condition = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'";
    const index = buildRbacIndex(b.estate);
    expect(holdingsAlong(index, u, sa1)).toBeUndefined();
    expect(holdingsAlong(index, u, sa2)).toBeDefined();
    expect(holdingsAlong(index, u, '/subscriptions/elsewhere')).toBeUndefined();
    expect(holdingsAlong(index, 'nobody', sub)).toBeUndefined();
  });

  it('judge a role whose definition writes a condition only for the questions its conditioned block grants', () => {
    const { b, rg1, u } = twoAccounts();
    const keysByCondition = customRole('33333333-3333-3333-3333-333333333333', 'Keys where the condition holds', [
      permission({ actions: [LIST_KEYS.action], condition: "@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'sa1'" }),
    ]);
    b.estate.roleDefinitions.push(keysByCondition);
    b.assign(u, keysByCondition.id, rg1);
    const index = buildRbacIndex(b.estate);
    expect(holdsNothingConditional(index, u, [LIST_KEYS])).toBe(false);
    // The conditioned block does not grant blob writes: asked about those alone, nothing is judged.
    expect(holdsNothingConditional(index, u, [BLOB_WRITE])).toBe(true);
  });
});
