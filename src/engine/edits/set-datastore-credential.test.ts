import { describe, expect, it } from 'vitest';
import { setDatastoreCredential } from './set-datastore-credential';
import { changedCollections, editsTestEstate, idOf } from '../testing/edits';

describe('setDatastoreCredential', () => {
  const estate = editsTestEstate();
  const datastore = idOf(estate, 'datastore', 'blob');

  it('drops a stored key to identity-based access', () => {
    expect(estate.datastores[0]?.credentialKind).toBe('account_key');
    const next = setDatastoreCredential(estate, { datastore, credentialKind: 'none' });
    expect(changedCollections(estate, next)).toEqual(['datastores']);
    expect(next.datastores[0]?.credentialKind).toBe('none');
  });

  it('names a principal only for kinds that store one', () => {
    const alice = idOf(estate, 'user', 'alice@contoso.com');
    const sp = setDatastoreCredential(estate, { datastore, credentialKind: 'service_principal', credentialPrincipal: alice });
    expect(sp.datastores[0]).toMatchObject({ credentialKind: 'service_principal', credentialPrincipal: alice });
    const sas = setDatastoreCredential(sp, { datastore, credentialKind: 'sas', credentialPrincipal: alice });
    expect(sas.datastores[0]?.credentialKind).toBe('sas');
    expect(sas.datastores[0]).not.toHaveProperty('credentialPrincipal');
  });

  it('returns the same estate when nothing changes', () => {
    expect(setDatastoreCredential(estate, { datastore, credentialKind: 'account_key' })).toBe(estate);
  });
});
