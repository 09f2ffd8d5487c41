import { describe, expect, it } from 'vitest';
import { setRegistryAccess } from './set-registry-access';
import { changedCollections, editsTestEstate } from '../testing/edits';

describe('setRegistryAccess', () => {
  const estate = editsTestEstate();
  const registry = estate.containerRegistries[0]!;

  it('sets the admin user and public access, each on its own', () => {
    const admin = setRegistryAccess(estate, { registry: registry.id, adminUserEnabled: true });
    expect(changedCollections(estate, admin)).toEqual(['containerRegistries']);
    expect(admin.containerRegistries[0]).toMatchObject({ adminUserEnabled: true, publicNetworkAccess: registry.publicNetworkAccess });
    const closed = setRegistryAccess(admin, { registry: registry.id, publicNetworkAccess: 'Disabled' });
    expect(closed.containerRegistries[0]).toMatchObject({ adminUserEnabled: true, publicNetworkAccess: 'Disabled' });
  });

  it('returns the same estate when nothing changes or the registry is unknown', () => {
    expect(setRegistryAccess(estate, { registry: registry.id, adminUserEnabled: registry.adminUserEnabled })).toBe(estate);
    expect(setRegistryAccess(estate, { registry: registry.id })).toBe(estate);
    expect(setRegistryAccess(estate, { registry: estate.keyVaults[0]!.id, adminUserEnabled: true })).toBe(estate);
  });
});
