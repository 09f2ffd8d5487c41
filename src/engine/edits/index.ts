/**
 * What-if edits: pure functions `(estate, params) => estate` with structural sharing. Each returns the
 * estate it was given when nothing changes, so the store records no empty undo step.
 *
 * {@link EDITS} describes them for the inspector (which entity kinds offer each, a title, a label for
 * undo and redo); {@link estateEdit} turns one into the `{ label, apply }` the store's `applyEdit` takes.
 */
import { entityMap } from '../model/estate';
import type { EntityId, RoleId } from '../model/ids';
import type { EntityKind, Estate } from '../model/types';
import { createRoleCatalog } from '../rbac/catalog';
import { addRoleAssignment, type AddRoleAssignmentParams } from './add-role-assignment';
import { removeRoleAssignment, type RemoveRoleAssignmentParams } from './remove-role-assignment';
import {
  DATASTORE_CREDENTIAL_KINDS,
  setDatastoreCredential,
  type DatastoreCredentialKind,
  type SetDatastoreCredentialParams,
} from './set-datastore-credential';
import {
  SERVICE_DATA_ACCESS_IDENTITIES,
  setDatastorePreviewIdentity,
  type SetDatastorePreviewIdentityParams,
} from './set-datastore-preview-identity';
import { ENDPOINT_AUTH_MODES, setEndpointAuth, type SetEndpointAuthParams } from './set-endpoint-auth';
import { JOB_IDENTITY_TYPES, setJobIdentity, type SetJobIdentityParams } from './set-job-identity';
import {
  setKeyVaultPermissionModel,
  type SetKeyVaultPermissionModelParams,
} from './set-key-vault-permission-model';
import { setRegistryAccess, type SetRegistryAccessParams } from './set-registry-access';
import { setResourceIdentity, type SetResourceIdentityParams } from './set-resource-identity';
import type { Choices } from './shared';
import {
  STORAGE_NETWORK_SETTINGS,
  setStorageAccess,
  type SetStorageAccessParams,
} from './set-storage-access';

export {
  addRoleAssignment,
  removeRoleAssignment,
  setDatastoreCredential,
  setDatastorePreviewIdentity,
  setEndpointAuth,
  setJobIdentity,
  setKeyVaultPermissionModel,
  setRegistryAccess,
  setResourceIdentity,
  setStorageAccess,
  DATASTORE_CREDENTIAL_KINDS,
  ENDPOINT_AUTH_MODES,
  JOB_IDENTITY_TYPES,
  SERVICE_DATA_ACCESS_IDENTITIES,
  STORAGE_NETWORK_SETTINGS,
};
export type {
  AddRoleAssignmentParams,
  DatastoreCredentialKind,
  RemoveRoleAssignmentParams,
  SetDatastoreCredentialParams,
  SetDatastorePreviewIdentityParams,
  SetEndpointAuthParams,
  SetJobIdentityParams,
  SetKeyVaultPermissionModelParams,
  SetRegistryAccessParams,
  SetResourceIdentityParams,
  SetStorageAccessParams,
};

/** What a label needs to name things: entity names and role names, resolved against the estate being edited. */
export interface LabelContext {
  nameOf: (id: EntityId | string | undefined) => string;
  roleName: (roleId: string) => string;
  /** "Contributor for alice on rg-ml", or the id when the estate has no such assignment. */
  describeAssignment: (assignmentId: EntityId) => string;
}

/** One what-if edit, described for the inspector. */
export interface EditDefinition<P> {
  /** Short title for a control or menu: "Managed identity". */
  title: string;
  /** Entity kinds whose inspector offers this edit (role assignments are offered on principals and scopes). */
  appliesTo: readonly EntityKind[];
  apply: (estate: Estate, params: P) => Estate;
  /** The label undo and redo show: "Turn off the system identity of ws-ml". */
  label: (params: P, context: LabelContext) => string;
}

const onOff = (on: boolean) => (on ? 'on' : 'off');
const labelOf = <T extends string>(options: Choices<T>, value: T) =>
  options.find((option) => option.value === value)?.label ?? value;
/** `name: part, part` for an edit of several settings; a setting the edit leaves alone has no part (undefined). */
const settingsLabel = (name: string, parts: readonly (string | undefined)[]) =>
  `${name}: ${parts.filter((part) => part !== undefined).join(', ')}`;

/** Every what-if edit, by name. */
export const EDITS = {
  setResourceIdentity: {
    title: 'Managed identity',
    appliesTo: ['workspace', 'compute', 'onlineEndpoint'],
    apply: setResourceIdentity,
    label: (p, { nameOf }) => {
      const parts = [p.system ? 'system' : undefined, ...p.userAssigned.map((id) => nameOf(id))].filter(
        (part): part is string => part !== undefined,
      );
      return `Set the identity of ${nameOf(p.resource)} to ${parts.length === 0 ? 'none' : parts.join(' + ')}`;
    },
  } satisfies EditDefinition<SetResourceIdentityParams>,
  addRoleAssignment: {
    title: 'Add role assignment',
    appliesTo: [
      'user',
      'group',
      'servicePrincipal',
      'userAssignedIdentity',
      'systemAssignedIdentity',
      'managementGroup',
      'subscription',
      'resourceGroup',
      'workspace',
      'storageAccount',
      'keyVault',
      'containerRegistry',
      'applicationInsights',
      'compute',
      'onlineEndpoint',
      'aksCluster',
    ],
    apply: addRoleAssignment,
    label: (p, { nameOf, roleName }) =>
      `Grant ${roleName(p.role)} to ${nameOf(p.principal)} on ${nameOf(p.scope)}`,
  } satisfies EditDefinition<AddRoleAssignmentParams>,
  removeRoleAssignment: {
    title: 'Remove role assignment',
    appliesTo: ['user', 'group', 'servicePrincipal', 'userAssignedIdentity', 'systemAssignedIdentity'],
    apply: removeRoleAssignment,
    label: (p, { describeAssignment }) => `Remove ${describeAssignment(p.assignment)}`,
  } satisfies EditDefinition<RemoveRoleAssignmentParams>,
  setRegistryAccess: {
    title: 'Registry access',
    appliesTo: ['containerRegistry'],
    apply: setRegistryAccess,
    label: (p, { nameOf }) =>
      settingsLabel(nameOf(p.registry), [
        p.adminUserEnabled === undefined ? undefined : `admin user ${onOff(p.adminUserEnabled)}`,
        p.publicNetworkAccess === undefined ? undefined : `public access ${p.publicNetworkAccess.toLowerCase()}`,
      ]),
  } satisfies EditDefinition<SetRegistryAccessParams>,
  setKeyVaultPermissionModel: {
    title: 'Permission model',
    appliesTo: ['keyVault'],
    apply: setKeyVaultPermissionModel,
    label: (p, { nameOf }) =>
      `${nameOf(p.keyVault)}: ${p.model === 'rbac' ? 'Azure RBAC' : 'vault access policies'}`,
  } satisfies EditDefinition<SetKeyVaultPermissionModelParams>,
  setDatastoreCredential: {
    title: 'Stored credential',
    appliesTo: ['datastore'],
    apply: setDatastoreCredential,
    label: (p, { nameOf }) =>
      `${nameOf(p.datastore)}: credential ${labelOf(DATASTORE_CREDENTIAL_KINDS, p.credentialKind).toLowerCase()}`,
  } satisfies EditDefinition<SetDatastoreCredentialParams>,
  setDatastorePreviewIdentity: {
    title: 'Studio preview identity',
    appliesTo: ['datastore'],
    apply: setDatastorePreviewIdentity,
    label: (p, { nameOf }) =>
      `${nameOf(p.datastore)}: studio previews as ${labelOf(SERVICE_DATA_ACCESS_IDENTITIES, p.identity).toLowerCase()}`,
  } satisfies EditDefinition<SetDatastorePreviewIdentityParams>,
  setJobIdentity: {
    title: 'Job identity',
    appliesTo: ['job'],
    apply: setJobIdentity,
    label: (p, { nameOf }) =>
      `${nameOf(p.job)}${p.step === undefined ? '' : ` step ${p.step}`}: runs as ${
        p.type === 'managed' && p.userAssignedIdentity !== undefined
          ? nameOf(p.userAssignedIdentity)
          : labelOf(JOB_IDENTITY_TYPES, p.type).toLowerCase()
      }`,
  } satisfies EditDefinition<SetJobIdentityParams>,
  setEndpointAuth: {
    title: 'Endpoint authentication',
    appliesTo: ['onlineEndpoint'],
    apply: setEndpointAuth,
    label: (p, { nameOf }) =>
      settingsLabel(nameOf(p.endpoint), [
        p.authMode === undefined ? undefined : `auth ${labelOf(ENDPOINT_AUTH_MODES, p.authMode)}`,
        p.enforceAccessToDefaultSecretStores === undefined
          ? undefined
          : `enforce secret store access ${onOff(p.enforceAccessToDefaultSecretStores)}`,
      ]),
  } satisfies EditDefinition<SetEndpointAuthParams>,
  setStorageAccess: {
    title: 'Storage access',
    appliesTo: ['storageAccount'],
    apply: setStorageAccess,
    label: (p, { nameOf }) =>
      settingsLabel(nameOf(p.storageAccount), [
        p.network === undefined ? undefined : `network ${labelOf(STORAGE_NETWORK_SETTINGS, p.network).toLowerCase()}`,
        p.allowSharedKeyAccess === undefined ? undefined : `shared keys ${onOff(p.allowSharedKeyAccess)}`,
      ]),
  } satisfies EditDefinition<SetStorageAccessParams>,
} as const;

export type EditName = keyof typeof EDITS;
export type EditParams<N extends EditName> = Parameters<(typeof EDITS)[N]['apply']>[1];

/** The names and role names of an estate, for edit labels. */
export function labelContext(estate: Estate): LabelContext {
  const byId = entityMap(estate);
  const catalog = createRoleCatalog(estate.roleDefinitions);
  const byArmId = new Map<string, string>();
  for (const entity of byId.values())
    if ('armId' in entity) byArmId.set(entity.armId.toLowerCase(), entity.name);
  const nameOf = (id: EntityId | string | undefined): string => {
    if (id === undefined) return '(none)';
    if (id === '/') return 'the tenant root';
    return byId.get(id as EntityId)?.name ?? byArmId.get(id.toLowerCase().replace(/\/+$/, '')) ?? id;
  };
  const roleName = (roleId: string) => catalog.get(roleId as RoleId)?.name ?? roleId;
  return {
    nameOf,
    roleName,
    describeAssignment: (assignmentId) => {
      const assignment = estate.roleAssignments.find((a) => a.id === assignmentId);
      return assignment
        ? `${roleName(assignment.role)} for ${nameOf(assignment.principal)} on ${nameOf(assignment.scope)}`
        : `role assignment ${assignmentId}`;
    },
  };
}

/**
 * One edit ready for the store's `applyEdit`: its label names things as they are in `estate` (the estate
 * the user is looking at when choosing the edit).
 */
export function estateEdit<N extends EditName>(
  name: N,
  params: EditParams<N>,
  estate: Estate,
): { label: string; apply: (estate: Estate) => Estate } {
  const definition = EDITS[name] as unknown as EditDefinition<EditParams<N>>;
  return {
    label: definition.label(params, labelContext(estate)),
    apply: (current) => definition.apply(current, params),
  };
}
