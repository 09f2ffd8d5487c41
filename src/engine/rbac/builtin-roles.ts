import { roleIdFrom, type RoleId } from '../model/ids';
import type { Permission, RoleDefinition } from '../model/types';
import { BUILT_IN_ROLE_ROWS } from './generated/builtin-roles.data';
import type { RoleRow } from './generated/rows';
import { ROLE_ALIASES } from './role-aliases';

// The complete catalog of Azure's built-in roles, generated from `az role definition list` output by
// scripts/update-role-catalog.ts (npm run roles:update -- <folder>). The fact sheet's section 3 is checked
// against it by builtin-roles.test.ts, so a newer dump that changes a role the rules rely on fails a test
// rather than silently changing an answer.
//
// Whoever imports this module carries the whole catalog (about 900 kB of source): in the app only the
// lazily loaded engine chunks may import it, never the first paint (npm run size checks the budget).


function roleFromRow([guid, name, description, blocks]: RoleRow): RoleDefinition {
  const permissions = blocks.map(([actions, notActions, dataActions, notDataActions, condition]): Permission => {
    const block: Permission = { actions, notActions, dataActions, notDataActions };
    if (condition !== undefined) block.condition = condition;
    return block;
  });
  const role: RoleDefinition = {
    id: guid as RoleId,
    name,
    roleType: 'BuiltInRole',
    permissions,
    assignableScopes: ['/'],
  };
  if (description !== '') role.description = description;
  return role;
}

/** Every built-in role of Azure, sorted by GUID: exact copies of the published definitions. */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = Object.freeze(BUILT_IN_ROLE_ROWS.map(roleFromRow));

const normalise = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');

const BY_ID = new Map<string, RoleDefinition>(BUILT_IN_ROLES.map((role) => [role.id, role]));
const BY_NAME = new Map<string, RoleDefinition>(BUILT_IN_ROLES.map((role) => [normalise(role.name), role]));
// A current name always wins over an alias (the generator refuses an alias that is a current name, but a
// catalog and an alias table from different days should still never shadow a real role).
for (const alias of ROLE_ALIASES) {
  const role = BY_ID.get(alias.id);
  if (role !== undefined && !BY_NAME.has(normalise(alias.name))) BY_NAME.set(normalise(alias.name), role);
}

/**
 * Finds a built-in role by name (any casing and spacing, or a former name from {@link ROLE_ALIASES}), by
 * GUID, or by a role definition id such as `/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
 */
export function findBuiltInRole(nameOrGuidOrDefinitionId: string): RoleDefinition | undefined {
  const guid = roleIdFrom(nameOrGuidOrDefinitionId);
  if (guid !== undefined) return BY_ID.get(guid);
  return BY_NAME.get(normalise(nameOrGuidOrDefinitionId));
}

/** True when the GUID (any casing) is a built-in role's. */
export function isBuiltInRoleId(id: string): boolean {
  return BY_ID.has(id.toLowerCase());
}

/** The alias entry when `name` is a former or alternative name of a built-in role (not its current name). */
export function builtInRoleAlias(name: string): (typeof ROLE_ALIASES)[number] | undefined {
  const key = normalise(name);
  return ROLE_ALIASES.find((alias) => normalise(alias.name) === key);
}
