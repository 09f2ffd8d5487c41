import type { EntityId } from './ids';
import { ENTITY_COLLECTIONS, type Entity, type Estate, type IdentityType, type ManagedIdentitySetting } from './types';

/** A new estate with no entities, for readers to fill and for tests to build on. */
export function emptyEstate(name = 'Untitled estate', assignmentsOrigin: Estate['assignmentsOrigin'] = 'planned'): Estate {
  return {
    version: 1,
    name,
    assignmentsOrigin,
    managementGroups: [],
    subscriptions: [],
    resourceGroups: [],
    workspaces: [],
    storageAccounts: [],
    keyVaults: [],
    containerRegistries: [],
    applicationInsights: [],
    computes: [],
    aksClusters: [],
    onlineEndpoints: [],
    onlineDeployments: [],
    datastores: [],
    connections: [],
    jobs: [],
    users: [],
    groups: [],
    servicePrincipals: [],
    userAssignedIdentities: [],
    systemAssignedIdentities: [],
    roleAssignments: [],
    roleDefinitions: [],
    denyAssignments: [],
  };
}

/** Every entity of an estate, collection by collection. */
export function* allEntities(estate: Estate): Generator<Entity> {
  for (const collection of ENTITY_COLLECTIONS) yield* estate[collection] as Entity[];
}

/** Builds a lookup from entity id to entity; ids are compared exactly (readers already canonicalise them). */
export function entityMap(estate: Estate): Map<EntityId, Entity> {
  const byId = new Map<EntityId, Entity>();
  for (const entity of allEntities(estate)) byId.set(entity.id, entity);
  return byId;
}

/** The az ml spelling of an identity setting. */
export function identityTypeOf(setting: ManagedIdentitySetting): IdentityType {
  if (setting.system && setting.userAssigned.length > 0) return 'system_assigned,user_assigned';
  if (setting.system) return 'system_assigned';
  if (setting.userAssigned.length > 0) return 'user_assigned';
  return 'none';
}

/** Parses an az ml or ARM identity type (`system_assigned`, `SystemAssigned, UserAssigned`, ...); undefined if unknown. */
export function parseIdentityType(value: string): { system: boolean; user: boolean } | undefined {
  const parts = value
    .split(',')
    .map((part) => part.trim().toLowerCase().replace(/[_\s]/g, ''))
    .filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  let system = false;
  let user = false;
  for (const part of parts) {
    if (part === 'systemassigned') system = true;
    else if (part === 'userassigned') user = true;
    else if (part === 'none' && parts.length === 1) return { system: false, user: false };
    else return undefined;
  }
  return { system, user };
}
