import { parseIdentityType } from '../../../model/estate';
import type { EntityId } from '../../../model/ids';
import type { EntityOfKind, ManagedIdentitySetting } from '../../../model/types';
import { describeFound } from '../context';
import { quote } from '../source';
import type { FragmentBuilder, Loc } from '../fragment';
import { isRec, Obj } from './values';

/** A resource that can hold a managed identity. */
export type IdentityOwner = EntityOfKind<'workspace' | 'compute' | 'onlineEndpoint' | 'aksCluster'>;

/**
 * Reads one user-assigned identity reference with whatever it carries: an ARM id (a key of the workspace's
 * dict form, or `resource_id` in the compute list form) and, when present, client and principal ids.
 */
export function userAssignedReference(
  b: FragmentBuilder,
  armId: string,
  details: Obj | undefined,
  loc: Loc,
): EntityId | undefined {
  const uai = b.resource('userAssignedIdentity', armId, loc, { stub: true });
  if (!uai) return undefined;
  if (details) {
    const clientId = details.guid('client_id', 'clientId');
    const principalId = details.guid('principal_id', 'principalId');
    if (clientId !== undefined) b.set(uai, 'clientId', clientId, details.locOf('client_id', 'clientId'));
    if (principalId !== undefined) {
      b.set(uai, 'principalId', principalId, details.locOf('principal_id', 'principalId'));
      b.indexPrincipalId(uai, principalId);
    }
  }
  return uai.id;
}

/**
 * Reads an identity block in any of the shapes Azure prints: az ml v2 (`type: system_assigned`,
 * `user_assigned_identities` as a dict of ARM ids for workspaces or a list of `{resource_id}` for computes and
 * endpoints) and ARM/REST (`type: SystemAssigned, UserAssigned`, `userAssignedIdentities` dict with
 * `principalId`/`clientId`). Creates the owner's system-assigned identity (with its principal id) and stubs for
 * the user-assigned ones. Returns undefined when the block is absent.
 */
export function readIdentity(
  b: FragmentBuilder,
  owner: IdentityOwner,
  block: Obj | undefined,
): ManagedIdentitySetting | undefined {
  if (!block) return undefined;
  const typeText = block.str('type');
  const listedKey = block.key('user_assigned_identities', 'userAssignedIdentities');
  const listed = listedKey === undefined ? undefined : block.raw[listedKey];
  const userAssigned: EntityId[] = [];
  const add = (id: EntityId | undefined) => {
    if (id !== undefined && !userAssigned.includes(id)) userAssigned.push(id);
  };
  if (listedKey !== undefined) {
    if (Array.isArray(listed)) {
      listed.forEach((item, i) => {
        const loc = block.at(listedKey, i);
        if (typeof item === 'string') add(userAssignedReference(b, item, undefined, loc));
        else if (isRec(item)) {
          const entry = new Obj(b, block.ctx, loc.path, item);
          const id = entry.str('resource_id', 'resourceId', 'id');
          if (id === undefined)
            block.ctx.warn(loc.path, 'a user-assigned identity entry without `resource_id` is ignored');
          else add(userAssignedReference(b, id, entry, entry.locOf('resource_id', 'resourceId', 'id')));
        } else
          block.ctx.warn(
            loc.path,
            `expected a user-assigned identity, found ${describeFound(item)}; it is ignored`,
          );
      });
    } else if (isRec(listed)) {
      for (const [armId, details] of Object.entries(listed)) {
        const loc = block.at(listedKey, armId);
        add(
          userAssignedReference(
            b,
            armId,
            isRec(details) ? new Obj(b, block.ctx, loc.path, details) : undefined,
            { ctx: block.ctx, path: loc.path },
          ),
        );
      }
    } else {
      block.ctx.warn(
        block.at(listedKey).path,
        `expected the user-assigned identities as a mapping or a list, found ${describeFound(listed)}; they are ignored`,
      );
    }
  }
  let parsed: { system: boolean; user: boolean } | undefined;
  if (typeText !== undefined) {
    parsed = parseIdentityType(typeText);
    if (!parsed) {
      block.ctx.warn(
        block.at('type').path,
        `unexpected identity type ${quote(typeText)} (known: \`system_assigned\`, \`user_assigned\`, \`system_assigned,user_assigned\`, \`none\`); the identity is read from what else the block holds`,
      );
    }
  }
  parsed ??= {
    system: block.key('principal_id', 'principalId') !== undefined,
    user: userAssigned.length > 0,
  };
  const setting: ManagedIdentitySetting = {
    system: parsed.system,
    userAssigned: parsed.user ? userAssigned : [],
  };
  if (setting.system) {
    const principalId = block.guid('principal_id', 'principalId');
    b.systemIdentity(owner, principalId, block.locOf('principal_id', 'principalId'));
  }
  return setting;
}
