import { describe, expect, it } from 'vitest';
import { setDatastorePreviewIdentity } from './set-datastore-preview-identity';
import { changedCollections, editsTestEstate, idOf } from '../testing/edits';

describe('setDatastorePreviewIdentity', () => {
  const estate = editsTestEstate();
  const datastore = idOf(estate, 'datastore', 'blob');

  it('sets the identity studio previews data with', () => {
    const next = setDatastorePreviewIdentity(estate, { datastore, identity: 'WorkspaceSystemAssignedIdentity' });
    expect(changedCollections(estate, next)).toEqual(['datastores']);
    expect(next.datastores[0]?.serviceDataAccessAuthIdentity).toBe('WorkspaceSystemAssignedIdentity');
  });

  it('returns the same estate when nothing changes', () => {
    const current = estate.datastores[0]!.serviceDataAccessAuthIdentity;
    expect(setDatastorePreviewIdentity(estate, { datastore, identity: current })).toBe(estate);
  });
});
