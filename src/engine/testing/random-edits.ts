import {
  addRoleAssignment,
  DATASTORE_CREDENTIAL_KINDS,
  ENDPOINT_AUTH_MODES,
  JOB_IDENTITY_TYPES,
  removeRoleAssignment,
  SERVICE_DATA_ACCESS_IDENTITIES,
  setDatastoreCredential,
  setDatastorePreviewIdentity,
  setEndpointAuth,
  setJobIdentity,
  setKeyVaultPermissionModel,
  setRegistryAccess,
  setResourceIdentity,
  setStorageAccess,
  STORAGE_NETWORK_SETTINGS,
} from '../edits';
import type { RoleId } from '../model/ids';
import type { Estate } from '../model/types';

/*
 * Random what-if edits, of every kind src/engine/edits offers, for tests that compare two ways of analysing
 * the edited estate (incremental analysis against a full one).
 */

// Roles an edit is likely to grant: the broad ones, a data role, and ones Azure ML's paths ask about.
export const ROLES = [
  'acdd72a7-3385-48ef-bd42-f606fba81ae7', // Reader
  'b24988ac-6180-42a0-ab88-20f7382dd24c', // Contributor
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', // Owner
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe', // Storage Blob Data Contributor
  '7f951dda-4ed3-4680-a7ca-43fe172d538d', // AcrPull
  'f6c7c914-8db3-469d-8ca1-694a8f32e121', // AzureML Data Scientist
  '4633458b-17de-408a-b874-0445c86b69e6', // Key Vault Secrets User
] as RoleId[];

/** A small deterministic generator (mulberry32), so that a failure names a seed that reproduces it. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random what-if edit of the kinds src/engine/edits offers, or undefined when the estate has nothing to edit. */
function randomEdit(estate: Estate, next: () => number): { label: string; after: Estate } | undefined {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
  const principals = [
    ...estate.users,
    ...estate.groups,
    ...estate.servicePrincipals,
    ...estate.userAssignedIdentities,
    ...estate.systemAssignedIdentities,
  ];
  const scopes = [...estate.resourceGroups, ...estate.workspaces, ...estate.storageAccounts, ...estate.keyVaults, ...estate.containerRegistries, ...estate.computes, ...estate.onlineEndpoints];
  const edits: (() => { label: string; after: Estate } | undefined)[] = [
    () => {
      const resource = pick([...estate.workspaces, ...estate.computes, ...estate.onlineEndpoints]);
      if (!resource) return undefined;
      const uais = estate.userAssignedIdentities.filter(() => next() < 0.3).map((u) => u.id);
      const system = next() < 0.5;
      return { label: `identity of ${resource.id}: ${system ? 'system' : ''} ${uais.join(',')}`, after: setResourceIdentity(estate, { resource: resource.id, system, userAssigned: uais }) };
    },
    () => {
      const principal = pick(principals);
      const scope = pick(scopes);
      const role = pick(ROLES);
      if (!principal || !scope || !role) return undefined;
      // Now and then at a scope the estate does not list: that makes the scope known to RBAC.
      const at = next() < 0.2 ? `${scope.armId}/providers/Microsoft.Example/things/unlisted` : scope.armId;
      return { label: `grant ${role} to ${principal.id} on ${at}`, after: addRoleAssignment(estate, { principal: principal.id, role, scope: at }) };
    },
    () => {
      const assignment = pick(estate.roleAssignments);
      return assignment && { label: `remove ${assignment.id}`, after: removeRoleAssignment(estate, { assignment: assignment.id }) };
    },
    () => {
      const registry = pick(estate.containerRegistries);
      return registry && { label: `registry ${registry.id}`, after: setRegistryAccess(estate, { registry: registry.id, adminUserEnabled: next() < 0.5 }) };
    },
    () => {
      const vault = pick(estate.keyVaults);
      const model = next() < 0.5 ? 'rbac' : 'access_policies';
      return vault && { label: `vault ${vault.id} ${model}`, after: setKeyVaultPermissionModel(estate, { keyVault: vault.id, model } as never) };
    },
    () => {
      const datastore = pick(estate.datastores);
      const kind = pick(DATASTORE_CREDENTIAL_KINDS);
      return datastore && kind && { label: `credential of ${datastore.id}: ${kind.value}`, after: setDatastoreCredential(estate, { datastore: datastore.id, credentialKind: kind.value }) };
    },
    () => {
      const datastore = pick(estate.datastores);
      const identity = pick(SERVICE_DATA_ACCESS_IDENTITIES);
      return datastore && identity && { label: `preview of ${datastore.id}: ${identity.value}`, after: setDatastorePreviewIdentity(estate, { datastore: datastore.id, identity: identity.value }) };
    },
    () => {
      const job = pick(estate.jobs);
      const type = pick(JOB_IDENTITY_TYPES);
      const uai = pick(estate.userAssignedIdentities);
      return job && type && { label: `job ${job.id}: ${type.value}`, after: setJobIdentity(estate, { job: job.id, type: type.value, ...(uai && next() < 0.5 ? { userAssignedIdentity: uai.id } : {}) }) };
    },
    () => {
      const endpoint = pick(estate.onlineEndpoints);
      const mode = pick(ENDPOINT_AUTH_MODES);
      return endpoint && mode && { label: `endpoint ${endpoint.id}: ${mode.value}`, after: setEndpointAuth(estate, { endpoint: endpoint.id, authMode: mode.value, enforceAccessToDefaultSecretStores: next() < 0.5 }) };
    },
    () => {
      const account = pick(estate.storageAccounts);
      const network = pick(STORAGE_NETWORK_SETTINGS);
      return account && network && { label: `storage ${account.id}: ${network.value}`, after: setStorageAccess(estate, { storageAccount: account.id, network: network.value, allowSharedKeyAccess: next() < 0.5 }) };
    },
  ];
  return (pick(edits) as () => { label: string; after: Estate } | undefined)();
}

/**
 * Applies up to `count` random edits one after another from `start`, calling `step` with each edited estate and
 * the labels of the edits so far (to name a failing step with the ones that led to it). Returns those labels.
 */
export function forEachRandomEdit(
  start: Estate,
  next: () => number,
  count: number,
  step: (estate: Estate, labels: readonly string[]) => void,
): string[] {
  const labels: string[] = [];
  let estate = start;
  for (let i = 0; i < count; i++) {
    const edit = randomEdit(estate, next);
    if (!edit) continue;
    labels.push(edit.label);
    estate = edit.after;
    step(estate, labels);
  }
  return labels;
}
