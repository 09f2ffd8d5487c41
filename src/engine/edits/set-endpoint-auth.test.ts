import { describe, expect, it } from 'vitest';
import { setEndpointAuth } from './set-endpoint-auth';
import { changedCollections, editsTestEstate, idOf } from '../testing/edits';

describe('setEndpointAuth', () => {
  const estate = editsTestEstate();
  const endpoint = idOf(estate, 'onlineEndpoint', 'ep');

  it('sets the auth mode and the enforce flag independently', () => {
    const aad = setEndpointAuth(estate, { endpoint, authMode: 'aad_token' });
    expect(changedCollections(estate, aad)).toEqual(['onlineEndpoints']);
    const before = estate.onlineEndpoints[0]!;
    expect(aad.onlineEndpoints[0]).toEqual({ ...before, authMode: 'aad_token' });
    const enforced = setEndpointAuth(aad, { endpoint, enforceAccessToDefaultSecretStores: !before.enforceAccessToDefaultSecretStores });
    expect(enforced.onlineEndpoints[0]).toMatchObject({
      authMode: 'aad_token',
      enforceAccessToDefaultSecretStores: !before.enforceAccessToDefaultSecretStores,
    });
  });

  it('returns the same estate when nothing changes', () => {
    expect(setEndpointAuth(estate, { endpoint, authMode: 'key' })).toBe(estate);
    expect(setEndpointAuth(estate, { endpoint })).toBe(estate);
  });
});
