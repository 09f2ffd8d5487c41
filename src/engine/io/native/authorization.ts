import { entityId, isGuid, roleIdFrom, scopeKey, type EntityId, type RoleId } from '../../model/ids';
import type { DenyAssignment, Permission, RoleAssignment, RoleDefinition } from '../../model/types';
import { findBuiltInRole } from '../../rbac/builtin-roles';
import { quote } from '../core/source';
import { describeFound, type Path, type Rec } from '../core/context';
import {
  defaultCustomRoleId,
  defaultDenyAssignmentId,
  defaultRoleAssignmentId,
  denyAssignmentArmId,
  roleAssignmentArmId,
} from '../core/naming';
import type { NativeReading } from './reading';

/**
 * The authorization sections of the native format: custom role definitions, role assignments and deny
 * assignments. They are read after every entity is declared, since they refer to principals and scopes.
 */

/** One entry of `role_definitions` (this format's spelling or the one `az role definition list` prints). */
export function readRoleDefinition(r: NativeReading, obj: Rec, path: Path): void {
  // az's own output names the role `roleName` and puts the GUID in `name`; both shapes are accepted.
  const nameKey =
    obj.role_name !== undefined ? 'role_name' : obj.roleName !== undefined ? 'roleName' : 'name';
  const name = r.ctx.str(obj, nameKey, path, { required: true });
  if (name === undefined) return;
  let idText = r.ctx.str(obj, 'id', path);
  let idPath: Path = [...path, 'id'];
  if (idText === undefined && nameKey !== 'name' && typeof obj.name === 'string' && isGuid(obj.name)) {
    idText = obj.name;
    idPath = [...path, 'name'];
  }
  let id: RoleId;
  if (idText !== undefined) {
    const guid = roleIdFrom(idText);
    if (guid === undefined) {
      r.ctx.error(idPath, `expected a role GUID or role definition id, found ${quote(idText, 120)}`);
      return;
    }
    id = guid;
  } else id = defaultCustomRoleId(name);
  const roleType =
    r.ctx.oneOf(obj, 'role_type', path, ['CustomRole', 'BuiltInRole'] as const) ??
    r.ctx.oneOf(obj, 'roleType', path, ['CustomRole', 'BuiltInRole'] as const);
  // A copy of a built-in definition (as `az role definition list` exports it) may stand beside the catalog's;
  // a custom role may not borrow a built-in name or GUID. The copy is known by its GUID: an export made before
  // Azure renamed the role keeps the old name, so a name the catalog does not give it is noted, not refused.
  const byName = findBuiltInRole(name);
  const byId = findBuiltInRole(id);
  const builtIn = byName ?? byId;
  const copyOfBuiltIn = roleType === 'BuiltInRole' && byId !== undefined && (byName === undefined || byName.id === byId.id);
  if (copyOfBuiltIn && byName === undefined)
    r.ctx.warn(
      [...path, nameKey],
      `built-in role ${id} is named ${quote(name)} here; Azure's catalog names it \`${byId.name}\`, and it is read as that role's copy`,
    );
  if (builtIn && !copyOfBuiltIn) {
    const clash = builtIn.id === id ? `id ${id}` : `name \`${builtIn.name}\``;
    r.ctx.error(
      [...path, builtIn.id === id ? 'id' : nameKey],
      `the built-in role ${builtIn.name} already has this ${clash}; a custom role needs its own`,
    );
    return;
  }
  const sameName = r.index.customRoleNamed(name);
  const sameId = r.index.customRole(id);
  const clash = sameName ?? sameId;
  if (clash) {
    r.ctx.error(
      [...path, sameName ? nameKey : 'id'],
      `custom role ${quote(name)} clashes with \`${clash.name}\` declared earlier (same ${sameName ? 'name' : 'id'})`,
      {
        related: clash.source,
      },
    );
    return;
  }
  const role: RoleDefinition = {
    id,
    name,
    roleType: 'CustomRole',
    permissions: [],
    assignableScopes: ['/'],
    source: r.ctx.source(path),
  };
  if (roleType !== undefined) role.roleType = roleType;
  const description = r.ctx.text(obj, 'description', path);
  if (description !== undefined) role.description = description;
  const flatKeys = ['actions', 'not_actions', 'data_actions', 'not_data_actions'].filter(
    (key) => obj[key] !== undefined,
  );
  if (obj.permissions !== undefined && obj.permissions !== null) {
    if (flatKeys.length > 0)
      r.ctx.error(
        [...path, flatKeys[0] ?? 'actions'],
        'give the actions either under `permissions` or at the top of the role, not both',
        { target: 'key' },
      );
    r.ctx.list(obj.permissions, [...path, 'permissions']).forEach((item, index) => {
      const permissionPath = [...path, 'permissions', index];
      const entry = r.ctx.map(
        item,
        permissionPath,
        'a permission mapping (`actions`, `not_actions`, `data_actions`, `not_data_actions`)',
      );
      if (!entry) return;
      r.ctx.checkKeys(
        entry,
        permissionPath,
        [
          'actions',
          'not_actions',
          'data_actions',
          'not_data_actions',
          'notActions',
          'dataActions',
          'notDataActions',
          'condition',
        ],
        ['conditionVersion'],
      );
      role.permissions.push(permission(r, entry, permissionPath, true));
    });
  } else {
    role.permissions.push(permission(r, obj, path, false));
  }
  const scopes = r.ctx.strings(
    obj,
    obj.assignable_scopes !== undefined ? 'assignable_scopes' : 'assignableScopes',
    path,
  );
  if (scopes !== undefined) {
    const key = obj.assignable_scopes !== undefined ? 'assignable_scopes' : 'assignableScopes';
    role.assignableScopes = [];
    scopes.forEach((scope, index) => {
      const resolved = r.scope(scope, [...path, key, index]);
      if (resolved !== undefined) role.assignableScopes.push(resolved);
    });
  }
  r.estate.roleDefinitions.push(role);
  r.index.addRole(role);
}

function permission(r: NativeReading, obj: Rec, path: Path, camelToo: boolean): Permission {
  const list = (snake: string, camel: string) =>
    (r.ctx.strings(obj, camelToo && obj[snake] === undefined ? camel : snake, path) ?? []).map((action) =>
      action.trim(),
    );
  const block: Permission = {
    actions: list('actions', 'actions'),
    notActions: list('not_actions', 'notActions'),
    dataActions: list('data_actions', 'dataActions'),
    notDataActions: list('not_data_actions', 'notDataActions'),
  };
  // Only an entry of `permissions` has its own condition (a block of the role definition, as Azure writes it).
  const condition = camelToo ? r.ctx.str(obj, 'condition', path) : undefined;
  if (condition !== undefined && condition.trim() !== '') block.condition = condition;
  return block;
}

/** An assignment's ABAC condition and its version (`2` written as a number reads as `2.0`). */
function readCondition(r: NativeReading, obj: Rec, path: Path): { condition?: string; conditionVersion?: string } {
  const condition = r.ctx.str(obj, 'condition', path);
  const conditionVersion =
    typeof obj.condition_version === 'number' ? obj.condition_version.toFixed(1) : r.ctx.str(obj, 'condition_version', path);
  return { condition, conditionVersion };
}

/** One entry of `role_assignments`; a second grant of one role to one principal at one scope is an error. */
export function readRoleAssignment(r: NativeReading, obj: Rec, path: Path): void {
  for (const field of ['principal', 'role', 'scope'])
    if (obj[field] === undefined || obj[field] === null)
      r.ctx.error(path, `missing required field \`${field}\``);
  const principal = r.principal(obj.principal, [...path, 'principal']);
  let role: RoleId | undefined;
  if (obj.role !== undefined && obj.role !== null) {
    if (typeof obj.role !== 'string')
      r.ctx.error([...path, 'role'], `expected a role name or GUID, found ${describeFound(obj.role)}`);
    else {
      const resolved = r.index.resolveRole(obj.role);
      if ('error' in resolved) r.ctx.error([...path, 'role'], resolved.error);
      else {
        role = resolved.value;
        if (resolved.warning) r.ctx.warn([...path, 'role'], resolved.warning);
      }
    }
  }
  const scope =
    obj.scope === undefined || obj.scope === null ? undefined : r.scope(obj.scope, [...path, 'scope']);
  const origin =
    r.ctx.oneOf(obj, 'origin', path, ['observed', 'planned', 'automatic'] as const) ??
    r.estate.assignmentsOrigin;
  const principalType = r.ctx.oneOf(obj, 'principal_type', path, [
    'User',
    'Group',
    'ServicePrincipal',
    'ForeignGroup',
    'Device',
  ] as const);
  const { condition, conditionVersion } = readCondition(r, obj, path);
  const description = r.ctx.text(obj, 'description', path);
  const reason = r.ctx.text(obj, 'reason', path);
  const idText = r.ctx.str(obj, 'id', path);
  if (principal === undefined || role === undefined || scope === undefined) return;

  let id: EntityId;
  if (idText === undefined) id = defaultRoleAssignmentId(principal, role, scope);
  else if (isGuid(idText.trim())) id = entityId(roleAssignmentArmId(scope, idText.trim().toLowerCase()));
  else if (/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i.test(idText.trim()))
    id = entityId(idText.trim());
  else {
    r.ctx.error(
      [...path, 'id'],
      `expected the assignment GUID or its full id (\`<scope>/providers/Microsoft.Authorization/roleAssignments/<GUID>\`), found ${quote(idText, 120)}`,
    );
    return;
  }
  const source = r.ctx.source(path);
  const key = `${principal}|${role}|${scopeKey(scope)}`;
  const first = r.seen.get(`grant:${key}`)?.source;
  if (first) {
    r.ctx.error(
      path,
      `this principal already holds this role at this scope (line ${first.line ?? '?'}); Azure keeps one such assignment`,
      { related: first },
    );
    return;
  }
  const firstId = r.seen.get(`assignment:${id.toLowerCase()}`);
  if (firstId) {
    r.ctx.error(
      [...path, 'id'],
      `role assignment id ${quote(idText ?? id, 120)} is used twice (first at line ${firstId.source.line ?? '?'})`,
      { related: firstId.source },
    );
    return;
  }
  r.seen.set(`grant:${key}`, { source, label: key });
  r.seen.set(`assignment:${id.toLowerCase()}`, { source, label: id });
  const assignment: RoleAssignment = { id, principal, role, scope, origin, source };
  if (principalType !== undefined) assignment.principalType = principalType;
  if (condition !== undefined) assignment.condition = condition;
  if (conditionVersion !== undefined) assignment.conditionVersion = conditionVersion;
  if (description !== undefined) assignment.description = description;
  if (reason !== undefined) assignment.reason = reason;
  r.estate.roleAssignments.push(assignment);
}

/** One entry of `deny_assignments`. */
export function readDenyAssignment(r: NativeReading, obj: Rec, path: Path): void {
  const name = r.ctx.str(obj, 'name', path, { required: true });
  if (obj.scope === undefined || obj.scope === null) r.ctx.error(path, 'missing required field `scope`');
  const scope =
    obj.scope === undefined || obj.scope === null ? undefined : r.scope(obj.scope, [...path, 'scope']);
  const permissions = permission(r, obj, path, false);
  let principals: EntityId[] | 'everyone' = [];
  const rawPrincipals = obj.principals;
  if (rawPrincipals === undefined || rawPrincipals === null)
    r.ctx.error(path, 'missing required field `principals` (a list, or `everyone`)');
  else if (typeof rawPrincipals === 'string' && rawPrincipals.trim().toLowerCase() === 'everyone')
    principals = 'everyone';
  else principals = r.principalList(rawPrincipals, [...path, 'principals']);
  const excludePrincipals = r.principalList(obj.exclude_principals, [...path, 'exclude_principals']);
  const doNotApplyToChildScopes = r.ctx.bool(obj, 'do_not_apply_to_child_scopes', path) ?? false;
  const { condition, conditionVersion } = readCondition(r, obj, path);
  const idText = r.ctx.str(obj, 'id', path);
  if (name === undefined || scope === undefined) return;
  let id: EntityId;
  if (idText === undefined) id = defaultDenyAssignmentId(name, scope);
  else if (isGuid(idText.trim())) id = entityId(denyAssignmentArmId(scope, idText.trim().toLowerCase()));
  else id = entityId(idText.trim());
  const source = r.ctx.source(path);
  const first = r.seen.get(`deny:${id.toLowerCase()}`);
  if (first) {
    r.ctx.error(
      [...path, idText !== undefined ? 'id' : 'name'],
      `deny assignment ${quote(name)} is declared twice at this scope (first at line ${first.source.line ?? '?'})`,
      { related: first.source },
    );
    return;
  }
  r.seen.set(`deny:${id.toLowerCase()}`, { source, label: name });
  const deny: DenyAssignment = {
    id,
    name,
    scope,
    permissions,
    principals,
    excludePrincipals,
    doNotApplyToChildScopes,
    source,
  };
  if (condition !== undefined) deny.condition = condition;
  if (conditionVersion !== undefined) deny.conditionVersion = conditionVersion;
  r.estate.denyAssignments.push(deny);
}
