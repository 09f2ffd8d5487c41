import { isGuid, type EntityId } from '../../model/ids';
import type { Group } from '../../model/types';
import type { FragmentBuilder, Loc } from '../core/fragment';
import { kindOfArmId, parseArmId } from '../core/azure/ids';
import type { Obj } from '../core/azure/values';

/**
 * Entra directory objects as `az ad ... show/list` and `az ad group member list` print them (Microsoft Graph
 * shape: `@odata.type`, `id`, `displayName`; older az versions: `objectType`, `objectId`). A managed
 * identity's service principal names its resource in `alternativeNames`, which is how it is matched to the
 * user-assigned identity or the owner of a system-assigned one.
 */

export type DirectoryKind = 'user' | 'group' | 'servicePrincipal';

/** The kind of a directory object, from `@odata.type`, `objectType` or its telling fields. */
export function directoryKindOf(o: Obj): DirectoryKind | undefined {
  const odata = o.str('@odata.type') ?? o.str('objectType') ?? '';
  const lower = odata.toLowerCase();
  if (lower.endsWith('user')) return 'user';
  if (lower.endsWith('group')) return 'group';
  if (lower.endsWith('serviceprincipal')) return 'servicePrincipal';
  if (o.key('userPrincipalName') !== undefined) return 'user';
  if (o.key('servicePrincipalType', 'servicePrincipalNames') !== undefined) return 'servicePrincipal';
  if (o.key('securityEnabled', 'mailEnabled', 'groupTypes') !== undefined) return 'group';
  return undefined;
}

/** True when an object looks like a directory object. */
export function isDirectoryObject(o: Obj): boolean {
  return (
    o.key('@odata.type', 'objectType') !== undefined ||
    (directoryKindOf(o) !== undefined && o.key('id', 'objectId') !== undefined && o.key('type') === undefined)
  );
}

/** Declares the principal a directory object describes and returns its id. */
export function readDirectoryObject(b: FragmentBuilder, o: Obj): EntityId | undefined {
  const kind = directoryKindOf(o);
  const objectId = o.guid('id', 'objectId');
  if (kind === undefined || objectId === undefined) {
    o.ctx.error(
      o.path,
      'expected a directory object with `@odata.type` (or `objectType`) and an object `id`',
    );
    return undefined;
  }
  const loc: Loc = o.at();
  const displayName = o.str('displayName');
  if (kind === 'servicePrincipal' && /managedidentity/i.test(o.str('servicePrincipalType') ?? '')) {
    const identity = managedIdentityPrincipal(b, o, objectId);
    if (identity !== undefined) return identity;
  }
  switch (kind) {
    case 'user': {
      const upn = o.str('userPrincipalName');
      return b.principal(
        'user',
        {
          objectId,
          ...(upn !== undefined
            ? { name: upn, userPrincipalName: upn }
            : displayName !== undefined
              ? { name: displayName }
              : {}),
        },
        loc,
      ).id;
    }
    case 'group':
      return b.principal(
        'group',
        { objectId, ...(displayName !== undefined ? { name: displayName } : {}) },
        loc,
      ).id;
    case 'servicePrincipal': {
      const appId = o.guid('appId');
      return b.principal(
        'servicePrincipal',
        {
          objectId,
          ...(displayName !== undefined ? { name: displayName } : {}),
          ...(appId !== undefined ? { appId } : {}),
        },
        loc,
      ).id;
    }
  }
}

/** A managed identity's service principal: the user-assigned identity, or the owner's system-assigned one. */
function managedIdentityPrincipal(b: FragmentBuilder, o: Obj, objectId: string): EntityId | undefined {
  const resourceId = (o.strings('alternativeNames') ?? []).find((name) => name.startsWith('/'));
  const parsed = resourceId !== undefined ? parseArmId(resourceId) : undefined;
  if (!parsed) return undefined;
  const kind = kindOfArmId(parsed);
  const loc = o.locOf('alternativeNames');
  if (kind === 'userAssignedIdentity') {
    const uai = b.resource('userAssignedIdentity', parsed.id, loc, { stub: true });
    if (!uai) return undefined;
    b.set(uai, 'principalId', objectId, o.locOf('id', 'objectId'));
    b.indexPrincipalId(uai, objectId);
    const appId = o.guid('appId');
    if (appId !== undefined) b.set(uai, 'clientId', appId, o.locOf('appId'));
    return uai.id;
  }
  if (kind === 'workspace' || kind === 'compute' || kind === 'onlineEndpoint' || kind === 'aksCluster') {
    const owner = b.resource(kind, parsed.id, loc, { stub: true });
    return owner ? b.systemIdentity(owner, objectId, o.locOf('id', 'objectId')).id : undefined;
  }
  return undefined;
}

/**
 * Reads `az ad group member list` output into the group `groupName` (a display name or an object id). Members
 * are declared as principals of their own kind; nested groups stay groups.
 */
export function readGroupMembers(b: FragmentBuilder, items: { o: Obj }[], groupName: string, loc: Loc): void {
  const group = b.principal(
    'group',
    isGuid(groupName) ? { objectId: groupName, name: groupName } : { name: groupName },
    loc,
  ) as Group;
  const members: EntityId[] = [];
  for (const { o } of items) {
    const id = readDirectoryObject(b, o);
    if (id !== undefined && !members.includes(id)) members.push(id);
  }
  b.set(group, 'members', members, loc);
}
