import { entityId, isGuid, roleIdFrom, type EntityId } from '../../../model/ids';
import type { AssignmentOrigin, Permission, RoleAssignment, RoleDefinition } from '../../../model/types';
import { findBuiltInRole } from '../../../rbac/builtin-roles';
import { defaultRoleAssignmentId } from '../naming';
import { sanitizeText } from '../../secrets';
import { quote } from '../source';
import type { FragmentBuilder, Loc } from '../fragment';
import { canonicalArmId, parseArmId } from './ids';
import { isRec, Obj } from './values';
import type { Path, ReadContext } from '../context';

/**
 * Role assignments and role definitions in the shape ARM gives them, flat (`az role assignment list`) or
 * under `properties` (Resource Graph, REST). Principals are named by object id: a placeholder of the kind
 * `principalType` says is created and merges later with whatever declares that object id.
 */

type PrincipalType = NonNullable<RoleAssignment['principalType']>;
const PRINCIPAL_TYPES: readonly PrincipalType[] = [
  'User',
  'Group',
  'ServicePrincipal',
  'ForeignGroup',
  'Device',
];

/** The placeholder principal a role assignment names. */
export function assignmentPrincipal(
  b: FragmentBuilder,
  principalType: PrincipalType | undefined,
  objectId: string,
  principalName: string | undefined,
  loc: Loc,
): EntityId {
  switch (principalType) {
    case 'User':
      return b.principal(
        'user',
        {
          objectId,
          ...(principalName !== undefined ? { name: principalName } : {}),
          ...(principalName?.includes('@') ? { userPrincipalName: principalName } : {}),
        },
        loc,
        { stub: true },
      ).id;
    case 'Group':
    case 'ForeignGroup':
      return b.principal(
        'group',
        { objectId, ...(principalName !== undefined ? { name: principalName } : {}) },
        loc,
        { stub: true },
      ).id;
    case 'ServicePrincipal':
      // az prints a service principal's app id as its name; for a managed identity that is its client id.
      return b.principal(
        'servicePrincipal',
        {
          objectId,
          ...(principalName !== undefined && !isGuid(principalName) ? { name: principalName } : {}),
          ...(principalName !== undefined && isGuid(principalName) ? { appId: principalName } : {}),
        },
        loc,
        { stub: true },
      ).id;
    default:
      return b.principalByObjectId(objectId, loc);
  }
}

/**
 * The scope of a role or deny assignment as an ARM id (or `/`), canonical; undefined, with an error at `scope`,
 * when the text is neither.
 */
export function assignmentScope(props: Obj, scopeText: string): string | undefined {
  return armScopeAt(props.ctx, props.locOf('scope').path, scopeText, 'the scope');
}

/** `text` as a canonical ARM id (or `/`); undefined, with an error at `path` that names `what`, when it is neither. */
function armScopeAt(ctx: ReadContext, path: Path, text: string, what: string): string | undefined {
  const scope = text.trim() === '/' ? '/' : canonicalArmId(text);
  if (scope.startsWith('/')) return scope;
  ctx.error(path, `expected \`/\` or an ARM id as ${what}, found ${quote(text, 120)}`);
  return undefined;
}

/**
 * Reads one role assignment. `top` holds the id (and, for az, everything); `props` holds the assignment's
 * properties (the same object for az). An item that cannot be placed is reported where it is and left out.
 */
export function readRoleAssignment(b: FragmentBuilder, top: Obj, props: Obj, origin: AssignmentOrigin): void {
  const principalId = props.guid('principalId', 'principal_id');
  const roleText = props.str('roleDefinitionId', 'role_definition_id');
  const scopeText = props.str('scope');
  const missing = [
    principalId === undefined ? '`principalId`' : undefined,
    roleText === undefined ? '`roleDefinitionId`' : undefined,
    scopeText === undefined ? '`scope`' : undefined,
  ].filter((v) => v !== undefined);
  if (principalId === undefined || roleText === undefined || scopeText === undefined) {
    top.ctx.error(top.path, `this role assignment lacks ${missing.join(', ')}, so it cannot be placed`);
    return;
  }
  const role = roleIdFrom(roleText);
  if (role === undefined) {
    props.ctx.error(
      props.locOf('roleDefinitionId', 'role_definition_id').path,
      `expected a role definition id ending in a GUID, found ${quote(roleText, 120)}`,
    );
    return;
  }
  const scope = assignmentScope(props, scopeText);
  if (scope === undefined) return;
  const typeText = props.str('principalType', 'principal_type');
  let principalType: PrincipalType | undefined;
  if (typeText !== undefined) {
    principalType = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === typeText.toLowerCase());
    if (principalType === undefined)
      props.ctx.warn(
        props.locOf('principalType').path,
        `unknown principal type ${quote(typeText)}; the principal is matched by object id only`,
      );
  }
  if (principalType === 'Device') {
    b.skip('role assignment', `assignment to device ${principalId} (devices are not modelled)`, top.at());
    return;
  }
  const principalName = props.str('principalName', 'principal_name');
  const principal = assignmentPrincipal(
    b,
    principalType,
    principalId,
    principalName,
    props.locOf('principalId', 'principal_id'),
  );
  const idText = top.str('id');
  const id =
    idText !== undefined && idText.startsWith('/')
      ? entityId(parseArmId(idText)?.id ?? idText.trim())
      : defaultRoleAssignmentId(principal, role, scope);
  const assignment: RoleAssignment = { id, principal, role, scope, origin, source: b.source(top.at()) };
  if (principalType !== undefined) assignment.principalType = principalType;
  const condition = props.str('condition');
  if (condition !== undefined) assignment.condition = condition;
  const conditionVersion = props.str('conditionVersion', 'condition_version');
  if (conditionVersion !== undefined) assignment.conditionVersion = conditionVersion;
  const description = props.str('description');
  if (description !== undefined) assignment.description = sanitizeText(description).text;
  if (!b.roleAssignment(assignment, props.str('roleDefinitionName', 'role_definition_name')))
    top.ctx.warn(
      top.path,
      `role assignment ${quote(id, 140)} appears twice in this file; the second is ignored`,
    );
}

function permissionList(entry: Obj, ...names: string[]): string[] {
  return entry.strings(...names) ?? [];
}

/** Reads one role definition (custom or built-in). */
export function readRoleDefinition(b: FragmentBuilder, top: Obj, props: Obj): void {
  const name = props.str('roleName', 'role_name');
  const idText = top.str('name', 'id');
  const id = idText !== undefined ? (roleIdFrom(idText) ?? roleIdFrom(top.str('id') ?? '')) : undefined;
  if (name === undefined || id === undefined) {
    top.ctx.error(
      top.path,
      `this role definition lacks ${name === undefined ? '`roleName`' : 'a GUID in `name` or `id`'}, so it cannot be read`,
    );
    return;
  }
  const typeText = props.str('roleType', 'type');
  let roleType: RoleDefinition['roleType'] =
    typeText !== undefined && /builtin/i.test(typeText) ? 'BuiltInRole' : 'CustomRole';
  // Role GUIDs are unique across Azure: a custom role never has a built-in role's, so the type is a mistake.
  const builtIn = roleType === 'CustomRole' ? findBuiltInRole(id) : undefined;
  if (builtIn !== undefined) {
    roleType = 'BuiltInRole';
    props.ctx.warn(
      props.at(props.key('roleType', 'type') ?? 'roleName').path,
      `role ${quote(name)} is typed ${quote(typeText ?? 'not at all')}, but ${id} is the id of the built-in role ${quote(builtIn.name)}; it is read as that built-in role`,
    );
  }
  const permissions: Permission[] = [];
  (props.list('permissions') ?? []).forEach((item, i) => {
    if (!isRec(item)) return;
    const entry = new Obj(b, props.ctx, [...props.path, 'permissions', i], item);
    const block: Permission = {
      actions: permissionList(entry, 'actions'),
      notActions: permissionList(entry, 'notActions', 'not_actions'),
      dataActions: permissionList(entry, 'dataActions', 'data_actions'),
      notDataActions: permissionList(entry, 'notDataActions', 'not_data_actions'),
    };
    // A block's own ABAC condition limits what it grants; dropping it would grant without it (see rbac/check).
    const condition = entry.str('condition');
    if (condition !== undefined && condition.trim() !== '') block.condition = condition;
    permissions.push(block);
  });
  // Where the role may be assigned: `/` or ARM ids. Anything else is no scope Azure prints, and kept as it is it
  // would stand for a scope no one can name (the native format refuses it on the way back).
  const scopesKey = props.key('assignableScopes', 'assignable_scopes') ?? 'assignableScopes';
  const assignableScopes: string[] = [];
  for (const [i, item] of (props.list(scopesKey) ?? []).entries()) {
    if (typeof item !== 'string' && typeof item !== 'number') continue;
    const scope = armScopeAt(props.ctx, [...props.path, scopesKey, i], String(item), 'an assignable scope');
    if (scope !== undefined) assignableScopes.push(scope);
  }
  const role: RoleDefinition = {
    id,
    name,
    roleType,
    permissions,
    assignableScopes,
    source: b.source(top.at()),
  };
  const description = props.str('description');
  if (description !== undefined) role.description = description;
  b.roleDefinition(role);
}
