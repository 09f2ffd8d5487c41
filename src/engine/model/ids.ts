/**
 * Branded string ids. A brand costs nothing at run time but stops a role GUID from being passed where an
 * entity id is expected (excalidraw brands its ids the same way).
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/**
 * The id of one entity in an estate. Azure resources use their ARM id as written by the reader
 * (`/subscriptions/<sub>/resourceGroups/<rg>/providers/...`); Entra principals use `<kind>:<object id or name>`;
 * a system-assigned identity uses its owner's id followed by {@link SYSTEM_IDENTITY_SUFFIX}.
 */
export type EntityId = Brand<string, 'EntityId'>;

/** A scope as the RBAC index compares it: an ARM id, lower-cased, without a trailing slash. `/` is the tenant root. */
export type ScopeKey = Brand<string, 'ScopeKey'>;

/** A role definition's GUID, lower-cased (`acdd72a7-3385-48ef-bd42-f606fba81ae7`). */
export type RoleId = Brand<string, 'RoleId'>;

/** Suffix appended to a resource's id to name its system-assigned identity. */
export const SYSTEM_IDENTITY_SUFFIX = '#system-identity';

/** Brands a string as an {@link EntityId}; use only where the string is known to be an entity id. */
export function entityId(value: string): EntityId {
  return value as EntityId;
}

/** The id of the system-assigned identity owned by `owner`. */
export function systemIdentityId(owner: EntityId): EntityId {
  return `${owner}${SYSTEM_IDENTITY_SUFFIX}` as EntityId;
}

/** Normalises an ARM id (or `/`) into the key the RBAC index compares: ARM ids are case-insensitive. */
export function scopeKey(armId: string): ScopeKey {
  const trimmed = armId.trim().replace(/\/+$/, '');
  return (trimmed === '' ? '/' : trimmed.toLowerCase()) as ScopeKey;
}

/** True when `value` is a GUID in its usual 8-4-4-4-12 form (hexadecimal digits in either case). */
export function isGuid(value: string): boolean {
  // Read character by character rather than by a pattern: readers ask this of every principal, role and name.
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45) return false;
    } else if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70))) return false;
  }
  return true;
}

/**
 * Extracts a role GUID from a bare GUID or from a role definition id such as
 * `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`; returns undefined otherwise.
 */
export function roleIdFrom(value: string): RoleId | undefined {
  // The text after the last `/`, cut out rather than split: every role assignment of every input comes here.
  const text = value.trim();
  const last = text.slice(text.lastIndexOf('/') + 1);
  return isGuid(last) ? (last.toLowerCase() as RoleId) : undefined;
}

/** True when the ARM id `id` is the scope `scope` or lies under it (ARM ids compare case-insensitively). */
export function isUnderScope(id: string, scope: string): boolean {
  const inner = id.toLowerCase();
  const outer = scope.toLowerCase().replace(/\/+$/, '');
  return inner === outer || inner.startsWith(`${outer}/`);
}
