import { describe, expect, it } from 'vitest';
import { setStorageAccess } from './set-storage-access';
import { changedCollections, editsTestEstate } from '../testing/edits';

describe('setStorageAccess', () => {
  const estate = editsTestEstate();
  const account = estate.storageAccounts[0]!;

  it('sets the network and shared-key access independently', () => {
    const closed = setStorageAccess(estate, { storageAccount: account.id, network: 'private_endpoint' });
    expect(changedCollections(estate, closed)).toEqual(['storageAccounts']);
    expect(closed.storageAccounts[0]).toEqual({ ...account, network: 'private_endpoint' });
    const noKeys = setStorageAccess(closed, { storageAccount: account.id, allowSharedKeyAccess: false });
    expect(noKeys.storageAccounts[0]).toMatchObject({ network: 'private_endpoint', allowSharedKeyAccess: false });
  });

  it('returns the same estate when nothing changes', () => {
    expect(setStorageAccess(estate, { storageAccount: account.id, network: account.network })).toBe(estate);
  });
});
