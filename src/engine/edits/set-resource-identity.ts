import { systemIdentityName } from '../io/core/naming';
import { systemIdentityId, type EntityId } from '../model/ids';
import type { Estate, ManagedIdentitySetting, SystemAssignedIdentity } from '../model/types';
import { findEntity, sameIdentity, uniqueIds, updateEntity, without } from './shared';

/** The resources whose managed identity this edit can set. */
export type IdentityOwnerKind = 'workspace' | 'compute' | 'onlineEndpoint';

export interface SetResourceIdentityParams {
  /** A workspace, compute or online endpoint. */
  resource: EntityId;
  system: boolean;
  /** In order: for a compute cluster the first one is its default identity. Duplicates are dropped. */
  userAssigned: readonly EntityId[];
  /** Workspaces only. Left out: kept as it is; `null`: cleared. */
  primaryUserAssignedIdentity?: EntityId | null;
}

function ownerKindOf(estate: Estate, id: EntityId): IdentityOwnerKind | undefined {
  if (findEntity(estate, 'workspace', id)) return 'workspace';
  if (findEntity(estate, 'compute', id)) return 'compute';
  if (findEntity(estate, 'onlineEndpoint', id)) return 'onlineEndpoint';
  return undefined;
}

/**
 * Sets the managed identity of a workspace, compute or online endpoint, keeping the system-assigned
 * identity entities in step: turning the system identity on declares `systemIdentityId(resource)` (named
 * as Azure names it); turning it off removes that entity together with the role assignments, group
 * memberships and key vault access policies it held. Azure deletes the service principal with the
 * setting, and a system identity turned on again is a new principal with no grants, so keeping them
 * would show access that no longer exists. Returns `estate` itself when nothing changes.
 */
export function setResourceIdentity(estate: Estate, params: SetResourceIdentityParams): Estate {
  const kind = ownerKindOf(estate, params.resource);
  if (kind === undefined) return estate;
  const identity: ManagedIdentitySetting = { system: params.system, userAssigned: uniqueIds(params.userAssigned) };

  let next = updateEntity(estate, kind, params.resource, (entity) => {
    let updated = sameIdentity(entity.identity, identity) ? entity : { ...entity, identity };
    if (kind === 'workspace' && 'primaryUserAssignedIdentity' in params && updated.kind === 'workspace') {
      const primary = params.primaryUserAssignedIdentity;
      if (primary === null || primary === undefined) updated = without(updated, 'primaryUserAssignedIdentity');
      else if (updated.primaryUserAssignedIdentity !== primary) updated = { ...updated, primaryUserAssignedIdentity: primary };
    }
    return updated;
  });

  const saiId = systemIdentityId(params.resource);
  const existing = next.systemAssignedIdentities.some((sai) => sai.id === saiId);
  if (params.system && !existing) next = addSystemIdentity(next, kind, params.resource);
  else if (!params.system && existing) next = removeSystemIdentity(next, saiId);
  return next;
}

function addSystemIdentity(estate: Estate, kind: IdentityOwnerKind, owner: EntityId): Estate {
  const entity = findEntity(estate, kind, owner);
  if (!entity) return estate;
  const workspaceName =
    entity.kind === 'workspace' ? undefined : findEntity(estate, 'workspace', entity.workspace)?.name;
  const sai: SystemAssignedIdentity = {
    id: systemIdentityId(owner),
    kind: 'systemAssignedIdentity',
    name: systemIdentityName(kind, entity.name, workspaceName),
    owner,
  };
  return { ...estate, systemAssignedIdentities: [...estate.systemAssignedIdentities, sai] };
}

function removeSystemIdentity(estate: Estate, saiId: EntityId): Estate {
  const next: Estate = {
    ...estate,
    systemAssignedIdentities: estate.systemAssignedIdentities.filter((sai) => sai.id !== saiId),
  };
  if (estate.roleAssignments.some((a) => a.principal === saiId))
    next.roleAssignments = estate.roleAssignments.filter((a) => a.principal !== saiId);
  if (estate.groups.some((g) => g.members.includes(saiId)))
    next.groups = estate.groups.map((g) =>
      g.members.includes(saiId) ? { ...g, members: g.members.filter((m) => m !== saiId) } : g,
    );
  if (estate.keyVaults.some((kv) => kv.accessPolicies.some((p) => p.principal === saiId)))
    next.keyVaults = estate.keyVaults.map((kv) =>
      kv.accessPolicies.some((p) => p.principal === saiId)
        ? { ...kv, accessPolicies: kv.accessPolicies.filter((p) => p.principal !== saiId) }
        : kv,
    );
  return next;
}
