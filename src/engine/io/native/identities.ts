import { parseIdentityType } from '../../model/estate';
import { isGuid, systemIdentityId, type EntityId } from '../../model/ids';
import type {
  CredentialKind,
  Entity,
  JobIdentity,
  ManagedIdentitySetting,
  SystemAssignedIdentity,
} from '../../model/types';
import {
  IDENTITY_TYPE_NAMES,
  JOB_IDENTITY_SELECTORS,
  readCredentialKind,
  readIdentityType,
  readJobIdentityType,
} from '../core/azml-vocabulary';
import { CREDENTIAL_KINDS, parseCredentialKind } from '../secrets';
import { quote } from '../core/source';
import { describeFound, type Path, type Rec } from '../core/context';
import type { NativeReading } from './reading';

/**
 * The identities of the native format: managed identity settings (`identity:` of workspaces, computes, endpoints
 * and AKS clusters) with the system-assigned identity they declare, jobs' identities, and the identity a
 * datastore's or connection's credentials use. References are resolved against the estate being read.
 */

/** No managed identity: the default of computes. */
export const NO_IDENTITY: ManagedIdentitySetting = { system: false, userAssigned: [] };
/** A system-assigned identity only: the default of workspaces, endpoints and AKS clusters. */
export const SYSTEM_IDENTITY: ManagedIdentitySetting = { system: true, userAssigned: [] };

/** Phase one only needs to know whether a resource has a system-assigned identity, to declare it. */
function peekSystem(raw: unknown, defaultSystem: boolean): boolean {
  if (raw === undefined || raw === null) return defaultSystem;
  const type =
    typeof raw === 'string'
      ? raw
      : typeof raw === 'object' && !Array.isArray(raw)
        ? (raw as Rec).type
        : undefined;
  if (typeof type !== 'string') return false;
  return parseIdentityType(type)?.system ?? false;
}

/** Declares the system-assigned identity of a resource whose identity includes one. */
export function declareSystemIdentity(
  r: NativeReading,
  owner: Entity,
  name: string,
  rawIdentity: unknown,
  ownerPath: Path,
  defaultSystem: boolean,
): void {
  const identityPath = [...ownerPath, 'identity'];
  const identityObj =
    typeof rawIdentity === 'object' && rawIdentity !== null && !Array.isArray(rawIdentity)
      ? (rawIdentity as Rec)
      : undefined;
  if (!peekSystem(rawIdentity, defaultSystem)) {
    if (identityObj?.principal_id !== undefined) {
      r.ctx.warn(
        [...identityPath, 'principal_id'],
        '`principal_id` belongs to a system-assigned identity, and this identity has none; it is ignored',
        { target: 'key' },
      );
    }
    return;
  }
  const sai: SystemAssignedIdentity = {
    id: systemIdentityId(owner.id),
    kind: 'systemAssignedIdentity',
    name,
    owner: owner.id,
    source: r.ctx.source(identityObj ? identityPath : ownerPath),
  };
  if (identityObj) {
    const principalId = r.ctx.guid(identityObj, 'principal_id', identityPath);
    if (principalId !== undefined) sai.principalId = principalId;
  }
  r.register('systemAssignedIdentities', sai, ownerPath);
}

/** Reads `user_assigned_identities` in any of its az ml shapes: names/ids, `[{resource_id}]`, or `{<id>: {}}`. */
export function userAssignedList(r: NativeReading, raw: unknown, path: Path): EntityId[] {
  const out: EntityId[] = [];
  const add = (ref: unknown, at: Path, target: 'key' | 'value' = 'value') => {
    if (typeof ref !== 'string') {
      r.ctx.error(at, `expected the name or ARM id of a user-assigned identity, found ${describeFound(ref)}`);
      return;
    }
    const resolved = r.index.resolvePrincipal(ref, ['userAssignedIdentity'], 'user-assigned identity');
    if ('error' in resolved) {
      r.ctx.error(at, resolved.error, { target });
      return;
    }
    if (out.includes(resolved.value.id)) {
      r.ctx.warn(at, `user-assigned identity ${quote(ref)} is listed twice; the second mention is ignored`, {
        target,
      });
      return;
    }
    out.push(resolved.value.id);
  };
  if (raw === undefined || raw === null) return out;
  if (Array.isArray(raw)) {
    raw.forEach((item, index) => {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        const obj = item as Rec;
        r.ctx.checkKeys(obj, [...path, index], ['resource_id', 'id', 'name'], ['client_id', 'principal_id']);
        const ref = obj.resource_id ?? obj.id ?? obj.name;
        if (ref === undefined)
          r.ctx.error([...path, index], 'missing `resource_id`: say which user-assigned identity this is');
        else
          add(ref, [
            ...path,
            index,
            obj.resource_id !== undefined ? 'resource_id' : obj.id !== undefined ? 'id' : 'name',
          ]);
      } else add(item, [...path, index]);
    });
  } else if (typeof raw === 'object') {
    for (const key of Object.keys(raw as Rec)) add(key, [...path, key], 'key');
  } else {
    r.ctx.error(
      path,
      `expected a list of user-assigned identities (or the az ml mapping of ARM ids), found ${describeFound(raw)}`,
    );
  }
  return out;
}

/** A managed identity setting (`identity:` on workspaces, computes, endpoints, AKS). */
export function managedIdentity(
  r: NativeReading,
  raw: unknown,
  path: Path,
  fallback: ManagedIdentitySetting,
): ManagedIdentitySetting {
  if (raw === undefined || raw === null)
    return { system: fallback.system, userAssigned: [...fallback.userAssigned] };
  let typeText: unknown;
  let obj: Rec | undefined;
  if (typeof raw === 'string') typeText = raw;
  else {
    obj = r.ctx.map(raw, path, 'an identity mapping (`type`, `user_assigned_identities`)');
    if (!obj) return { ...NO_IDENTITY, userAssigned: [] };
    r.ctx.checkKeys(
      obj,
      path,
      ['type', 'user_assigned_identities', 'principal_id', 'tenant_id'],
      ['client_id'],
    );
    typeText = obj.type;
  }
  const typePath = obj ? [...path, 'type'] : path;
  const listed = obj?.user_assigned_identities;
  const listedCount = Array.isArray(listed)
    ? listed.length
    : typeof listed === 'object' && listed !== null
      ? Object.keys(listed).length
      : 0;
  const userAssigned = userAssignedList(r, listed, [...path, 'user_assigned_identities']);
  let parsed: { system: boolean; user: boolean } | undefined;
  if (typeText === undefined || typeText === null) {
    if (listedCount > 0) parsed = { system: false, user: true };
    else {
      r.ctx.error(
        path,
        `missing \`type\`: expected one of ${IDENTITY_TYPE_NAMES.map((t) => `\`${t}\``).join(', ')}`,
      );
      return { ...NO_IDENTITY, userAssigned: [] };
    }
  } else {
    parsed = readIdentityType(r.ctx, typeText, typePath);
    if (!parsed) return { ...NO_IDENTITY, userAssigned: [] };
  }
  if (parsed.user && listedCount === 0) {
    r.ctx.error(
      typePath,
      'a `user_assigned` identity needs at least one entry in `user_assigned_identities`',
    );
  }
  if (!parsed.user && listedCount > 0) {
    r.ctx.error(
      [...path, 'user_assigned_identities'],
      `\`user_assigned_identities\` needs an identity type that includes \`user_assigned\`; the type here is ${quote(typeText)}`,
      {
        target: 'key',
      },
    );
  }
  return { system: parsed.system, userAssigned: parsed.user ? userAssigned : [] };
}

/** A job's or step's `identity:` (`user_identity`, `managed` with an optional UAI, `aml_token`, or absent). */
export function jobIdentity(r: NativeReading, raw: unknown, path: Path): JobIdentity {
  const head = readJobIdentityType(r.ctx, raw, path, { checkFields: true });
  if (head === undefined) return { type: 'unset' };
  const { type, obj } = head;
  const identity: JobIdentity = { type };
  if (!obj) return identity;
  const selectors = JOB_IDENTITY_SELECTORS.filter((key) => obj[key] !== undefined && obj[key] !== null);
  if (type !== 'managed') {
    for (const key of selectors)
      r.ctx.warn([...path, key], `\`${key}\` only applies to \`type: managed\`; it is ignored`, {
        target: 'key',
      });
    return identity;
  }
  const key = selectors[0];
  if (key === undefined) return identity;
  if (selectors.length > 1)
    r.ctx.warn(
      [...path, selectors[1] ?? key],
      `give one of ${selectors.map((s) => `\`${s}\``).join(', ')}; \`${key}\` is used`,
      { target: 'key' },
    );
  const uai = r.identityRef(obj[key], [...path, key]);
  if (uai !== undefined) identity.userAssignedIdentity = uai;
  return identity;
}

/** `credentials:` of a datastore or connection: only the kind (and who it names) is kept, never the values. */
export function credentials(
  r: NativeReading,
  raw: unknown,
  path: Path,
): { kind: CredentialKind; identity?: EntityId; principal?: EntityId } {
  if (raw === undefined || raw === null) return { kind: 'none' };
  if (typeof raw === 'string') {
    const kind = parseCredentialKind(raw);
    if (kind === undefined)
      r.ctx.error(
        path,
        `expected a credentials mapping or one of ${CREDENTIAL_KINDS.map((k) => `\`${k}\``).join(', ')}, found ${quote(raw)}`,
      );
    return { kind: kind ?? 'none' };
  }
  const obj = r.ctx.map(raw, path, 'a credentials mapping');
  if (!obj) return { kind: 'none' };
  const kind = readCredentialKind(r.ctx, obj, path);
  if (kind === undefined) return { kind: 'none' };
  const result: { kind: CredentialKind; identity?: EntityId; principal?: EntityId } = { kind };
  if (kind === 'managed_identity') {
    if (obj.identity !== undefined) {
      const id = r.identityRef(obj.identity, [...path, 'identity']);
      if (id !== undefined) result.identity = id;
    } else {
      for (const key of ['resource_id', 'client_id'] as const) {
        const value = obj[key];
        if (typeof value !== 'string') continue;
        const resolved = r.index.resolvePrincipal(value, ['userAssignedIdentity'], 'user-assigned identity');
        if ('value' in resolved) {
          result.identity = resolved.value.id;
          break;
        }
        r.ctx.warn(
          [...path, key],
          `no declared user-assigned identity matches ${quote(value, 120)}, so the identity this credential uses stays unknown`,
        );
        break;
      }
    }
  } else if (kind === 'service_principal' || kind === 'certificate') {
    // The app that signs in with the secret or certificate: a service principal, or the one behind a
    // user-assigned identity when the client id is an identity's (as a merge of az ml YAML and exports finds).
    const kinds = ['servicePrincipal', 'userAssignedIdentity'] as const;
    if (obj.principal !== undefined) {
      const id = r.principal(obj.principal, [...path, 'principal'], kinds, 'service principal');
      if (id !== undefined) result.principal = id;
    } else if (typeof obj.client_id === 'string' && isGuid(obj.client_id)) {
      // A service principal that is not declared is fine: the datastore still works with its secret.
      const resolved = r.index.resolvePrincipal(obj.client_id, kinds, 'service principal');
      if ('value' in resolved) result.principal = resolved.value.id;
    }
  }
  return result;
}

/**
 * `planned_update` of a workspace or endpoint: the identity it is about to have. Returns the mapping (checked
 * against `fields`) and its path for the caller's other fields, or undefined when there is none.
 */
export function readPlannedUpdate(
  r: NativeReading,
  obj: Rec,
  path: Path,
  fields: readonly string[],
): { update: Rec; updatePath: Path; planned: { identity?: ManagedIdentitySetting } } | undefined {
  const updatePath = [...path, 'planned_update'];
  const update = r.ctx.map(obj.planned_update, updatePath);
  if (!update) return undefined;
  r.ctx.checkKeys(update, updatePath, fields);
  const planned: { identity?: ManagedIdentitySetting } = {};
  if (update.identity !== undefined && update.identity !== null)
    planned.identity = managedIdentity(r, update.identity, [...updatePath, 'identity'], NO_IDENTITY);
  return { update, updatePath, planned };
}
