import { findBuiltInRole } from '../rbac/builtin-roles';
import { COMPUTE_KINDS, COMPUTE_TYPES } from './compute-kinds';
import { scopeKey, systemIdentityId, type EntityId } from './ids';
import { PRINCIPAL_KINDS as PRINCIPALS, referencesOf, SYSTEM_IDENTITY_OWNER_KINDS as SAI_OWNERS } from './references';
import {
  ENTITY_COLLECTIONS,
  type Compute,
  type Diagnostic,
  type Entity,
  type Estate,
  type ManagedIdentitySetting,
  type SourceRef,
} from './types';

/**
 * Structural checks on an estate held in memory, whatever produced it: a reader, a test, or an edit in the app.
 * Readers report problems against the text; this reports them against the model, so that an estate changed by a
 * what-if edit can be checked the same way. Locations come from each entity's `source` when it has one.
 */

function identityOf(entity: Entity): ManagedIdentitySetting | undefined {
  switch (entity.kind) {
    case 'workspace':
    case 'compute':
    case 'onlineEndpoint':
      return entity.identity;
    case 'aksCluster':
      return entity.clusterIdentity.type === 'managed_identity' ? entity.clusterIdentity.identity : undefined;
    default:
      return undefined;
  }
}

/** A compute's type against the reference table of compute kinds. */
function computeKindProblems(compute: Compute, fallbackPath: string): Diagnostic[] {
  const type: string = compute.computeType;
  if (!(COMPUTE_TYPES as readonly string[]).includes(type))
    return [
      {
        severity: 'error',
        message: `compute \`${compute.name}\` has type ${JSON.stringify(type)}; expected one of ${COMPUTE_TYPES.join(', ')}`,
        ...at(compute.source, fallbackPath, 'computeType'),
      },
    ];
  const kind = COMPUTE_KINDS[compute.computeType];
  const { system, userAssigned } = compute.identity;
  if (kind.identity === 'none' && (system || userAssigned.length > 0))
    return [
      {
        severity: 'warning',
        message: `compute \`${compute.name}\` is an ${kind.label}, which Azure ML gives no managed identity for data access; the identity it carries is not used for that`,
        ...at(compute.source, fallbackPath, 'identity'),
      },
    ];
  return [];
}

function at(
  source: SourceRef | undefined,
  fallbackPath: string,
  field?: string,
): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> {
  const base = source?.path ?? fallbackPath;
  const located: Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> = {
    path: field ? `${base}.${field}` : base,
  };
  if (source?.file !== undefined) located.file = source.file;
  if (source?.line !== undefined) located.line = source.line;
  if (source?.column !== undefined) located.column = source.column;
  return located;
}

/**
 * Checks an estate's structure and returns every problem found (an empty list when it is sound):
 * - two entities, role assignments, deny assignments or role definitions with the same id (ARM ids compared
 *   ignoring case, as Azure does), or two custom roles with the same name;
 * - a resource whose `armId` differs from its `id`;
 * - a reference to an id that is not in the estate, or to an entity of the wrong kind (a workspace's
 *   `storageAccount` pointing at a key vault);
 * - a system-assigned identity whose owner is missing or has no system-assigned identity, or whose id is not
 *   the one {@link systemIdentityId} gives; a resource with a system-assigned identity but no such entity
 *   (warning);
 * - a role assignment whose principal is missing, or whose scope is neither `/` nor an ARM id;
 * - a role id that is neither built in nor a declared custom role (warning: it grants nothing);
 * - a compute whose type is not a known compute kind; an attached compute that carries a managed identity
 *   although Azure ML gives its kind none (warning: its identity is not used for data access).
 */
export function validateEstate(estate: Estate): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const byId = new Map<string, Entity>();
  const firstSource = new Map<string, { source: SourceRef | undefined; label: string }>();

  const claim = (key: string, label: string, source: SourceRef | undefined, fallbackPath: string) => {
    const first = firstSource.get(key);
    if (first) {
      const problem: Diagnostic = {
        severity: 'error',
        message: `${label} has the same id as ${first.label}`,
        ...at(source, fallbackPath),
      };
      if (first.source) problem.related = first.source;
      problems.push(problem);
      return false;
    }
    firstSource.set(key, { source, label });
    return true;
  };

  const collectionIndex = new Map<Entity, string>();
  const located: [Entity, string][] = [];
  for (const collection of ENTITY_COLLECTIONS)
    (estate[collection] as Entity[]).forEach((entity, i) => located.push([entity, `${collection}[${i}]`]));
  for (const [entity, fallbackPath] of located) {
    collectionIndex.set(entity, fallbackPath);
    const isResource = 'armId' in entity;
    const key = isResource ? `entity:${scopeKey(entity.id)}` : `entity:${entity.id}`;
    if (!claim(key, `${entity.kind} \`${entity.name}\` (${entity.id})`, entity.source, fallbackPath))
      continue;
    byId.set(entity.id, entity);
    if (isResource && entity.armId !== entity.id) {
      problems.push({
        severity: 'error',
        message: `${entity.kind} \`${entity.name}\` has armId ${entity.armId} but id ${entity.id}; they must be equal`,
        ...at(entity.source, fallbackPath, 'armId'),
      });
    }
  }
  // Resources are also found by ARM id regardless of case, as the references in a file would be.
  const byKey = new Map<string, Entity>();
  for (const entity of byId.values()) byKey.set('armId' in entity ? scopeKey(entity.id) : entity.id, entity);
  const lookup = (id: EntityId): Entity | undefined =>
    byId.get(id) ?? byKey.get(id.startsWith('/') ? scopeKey(id) : id);

  for (const entity of byId.values()) {
    const fallbackPath = collectionIndex.get(entity) ?? entity.kind;
    for (const ref of referencesOf(entity)) {
      const id = ref.id;
      const target = lookup(id);
      if (!target) {
        problems.push({
          severity: 'error',
          message: `${entity.kind} \`${entity.name}\`: ${ref.field} refers to ${id}, which is not in the estate`,
          ...at(entity.source, fallbackPath, ref.field),
        });
      } else if (!ref.spec.targets.includes(target.kind)) {
        problems.push({
          severity: 'error',
          message: `${entity.kind} \`${entity.name}\`: ${ref.field} should be a ${ref.spec.targets.join(' or ')}, but ${id} is a ${target.kind}`,
          ...at(entity.source, fallbackPath, ref.field),
        });
      }
    }
    if (entity.kind === 'compute') problems.push(...computeKindProblems(entity, fallbackPath));
    if (entity.kind === 'systemAssignedIdentity') {
      const owner = lookup(entity.owner);
      if (entity.id !== systemIdentityId(entity.owner)) {
        problems.push({
          severity: 'error',
          message: `system-assigned identity \`${entity.name}\` should have id ${systemIdentityId(entity.owner)}, found ${entity.id}`,
          ...at(entity.source, fallbackPath),
        });
      }
      if (owner && SAI_OWNERS.includes(owner.kind) && identityOf(owner)?.system !== true) {
        problems.push({
          severity: 'error',
          message: `system-assigned identity \`${entity.name}\` belongs to ${owner.kind} \`${owner.name}\`, whose identity has no system-assigned part`,
          ...at(entity.source, fallbackPath),
        });
      }
    } else if (identityOf(entity)?.system === true && !byId.has(systemIdentityId(entity.id))) {
      problems.push({
        severity: 'warning',
        message: `${entity.kind} \`${entity.name}\` has a system-assigned identity, but the estate holds no entity for it`,
        ...at(entity.source, fallbackPath, 'identity'),
      });
    }
  }

  const customIds = new Set<string>();
  const customNames = new Map<string, SourceRef | undefined>();
  estate.roleDefinitions.forEach((role, i) => {
    const fallbackPath = `roleDefinitions[${i}]`;
    if (
      claim(
        `role:${role.id.toLowerCase()}`,
        `role definition \`${role.name}\` (${role.id})`,
        role.source,
        fallbackPath,
      )
    )
      customIds.add(role.id.toLowerCase());
    const lower = role.name.toLowerCase();
    if (customNames.has(lower)) {
      const problem: Diagnostic = {
        severity: 'error',
        message: `two role definitions are named \`${role.name}\``,
        ...at(role.source, fallbackPath, 'name'),
      };
      const first = customNames.get(lower);
      if (first) problem.related = first;
      problems.push(problem);
    } else customNames.set(lower, role.source);
  });
  const knownRole = (id: string) => customIds.has(id.toLowerCase()) || findBuiltInRole(id) !== undefined;

  estate.roleAssignments.forEach((assignment, i) => {
    const fallbackPath = `roleAssignments[${i}]`;
    claim(
      `assignment:${assignment.id.toLowerCase()}`,
      `role assignment ${assignment.id}`,
      assignment.source,
      fallbackPath,
    );
    const principal = lookup(assignment.principal);
    if (!principal) {
      problems.push({
        severity: 'error',
        message: `role assignment ${assignment.id}: principal ${assignment.principal} is not in the estate`,
        ...at(assignment.source, fallbackPath, 'principal'),
      });
    } else if (!PRINCIPALS.includes(principal.kind)) {
      problems.push({
        severity: 'error',
        message: `role assignment ${assignment.id}: ${assignment.principal} is a ${principal.kind}, not a principal`,
        ...at(assignment.source, fallbackPath, 'principal'),
      });
    }
    if (!knownRole(assignment.role)) {
      problems.push({
        severity: 'warning',
        message: `role assignment ${assignment.id}: role ${assignment.role} is neither built in nor a declared custom role, so it grants nothing`,
        ...at(assignment.source, fallbackPath, 'role'),
      });
    }
    if (!assignment.scope.startsWith('/')) {
      problems.push({
        severity: 'error',
        message: `role assignment ${assignment.id}: scope ${JSON.stringify(assignment.scope)} is neither \`/\` nor an ARM id`,
        ...at(assignment.source, fallbackPath, 'scope'),
      });
    }
  });

  estate.denyAssignments.forEach((deny, i) => {
    const fallbackPath = `denyAssignments[${i}]`;
    claim(`deny:${deny.id.toLowerCase()}`, `deny assignment \`${deny.name}\``, deny.source, fallbackPath);
    const listed = [...(deny.principals === 'everyone' ? [] : deny.principals), ...deny.excludePrincipals];
    for (const id of listed) {
      const principal = lookup(id);
      if (!principal || !PRINCIPALS.includes(principal.kind)) {
        problems.push({
          severity: 'error',
          message: `deny assignment \`${deny.name}\`: ${id} is not a principal in the estate`,
          ...at(deny.source, fallbackPath, 'principals'),
        });
      }
    }
    if (!deny.scope.startsWith('/')) {
      problems.push({
        severity: 'error',
        message: `deny assignment \`${deny.name}\`: scope ${JSON.stringify(deny.scope)} is neither \`/\` nor an ARM id`,
        ...at(deny.source, fallbackPath, 'scope'),
      });
    }
  });

  return problems;
}
