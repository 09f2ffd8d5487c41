import { useId, useMemo, useState } from 'react';
import { type AnalysisContext, type Entity, type EntityId, type RoleAssignment, type RoleDefinition, scopeKey } from '../../../engine';
import { TagBadge } from '../../components/badge';
import { EntityLink } from '../../components/entity-link';
import { LABEL, PRIMARY_SMALL_BUTTON, SECTION_TITLE, SELECT, SMALL_BUTTON } from '../../components/ui';
import { EntityOptions, entitiesByKind } from './entity-options';
import { RolePicker } from './role-picker';
import { useWhatIf } from './use-what-if';

const PRINCIPAL_KINDS = new Set<Entity['kind']>(['user', 'group', 'servicePrincipal', 'userAssignedIdentity', 'systemAssignedIdentity']);
const ORIGIN_LABEL = { observed: 'exported', planned: 'planned', automatic: 'made by Azure ML' } as const;

export function isPrincipalEntity(entity: Entity): boolean {
  return PRINCIPAL_KINDS.has(entity.kind);
}

function AssignmentRow({
  assignment,
  context,
  who,
  viaGroups = [],
  inheritedFrom,
}: {
  assignment: RoleAssignment;
  context: AnalysisContext;
  /** Show the principal (assignments on a scope) or the scope (assignments a principal holds). */
  who: 'principal' | 'scope';
  viaGroups?: readonly EntityId[];
  inheritedFrom?: string | undefined;
}) {
  const whatIf = useWhatIf();
  const role = context.rbac.catalog.get(assignment.role)?.name ?? `Unknown role ${assignment.role}`;
  const scopeEntity = context.rbac.entity(assignment.scope) ?? undefined;
  const removable = assignment.origin !== 'automatic' && viaGroups.length === 0 && inheritedFrom === undefined;
  return (
    <li className="flex items-start gap-2 rounded-md border border-slate-200 px-2 py-1.5 text-sm dark:border-slate-700" data-assignment-id={assignment.id}>
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="flex flex-wrap items-center gap-1.5">
          <span className="font-semibold text-slate-900 dark:text-slate-100">{role}</span>
          <TagBadge>{ORIGIN_LABEL[assignment.origin]}</TagBadge>
          {assignment.condition && <TagBadge title={assignment.condition}>with condition</TagBadge>}
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {who === 'principal' ? (
            <>
              held by{' '}
              <EntityLink id={assignment.principal} name={context.rbac.nameOf(assignment.principal)} known={context.rbac.entity(assignment.principal) !== undefined} />
              {inheritedFrom && <>, inherited from {inheritedFrom}</>}
            </>
          ) : (
            <>
              on{' '}
              {scopeEntity ? (
                <EntityLink id={scopeEntity.id} name={context.rbac.scopeLabel(assignment.scope)} />
              ) : (
                <span className="break-all">{context.rbac.scopeLabel(assignment.scope)}</span>
              )}
              {viaGroups.length > 0 && <>, through group {viaGroups.map((group) => context.rbac.nameOf(group)).join(' → ')}</>}
            </>
          )}
        </p>
        {assignment.reason && <p className="text-xs text-slate-500 dark:text-slate-400">{assignment.reason}</p>}
      </div>
      {removable && (
        <button
          type="button"
          className={SMALL_BUTTON}
          aria-label={`Remove ${role} ${who === 'principal' ? `held by ${context.rbac.nameOf(assignment.principal)}` : `on ${context.rbac.scopeLabel(assignment.scope)}`}`}
          onClick={() => whatIf('removeRoleAssignment', { assignment: assignment.id })}
        >
          Remove
        </button>
      )}
    </li>
  );
}

/** A form to add a planned role assignment: for a principal pick the role and scope, for a scope the principal and role. */
function AddAssignment({ entity, context }: { entity: Entity; context: AnalysisContext }) {
  const whatIf = useWhatIf();
  const forPrincipal = isPrincipalEntity(entity);
  const [role, setRole] = useState<RoleDefinition>();
  const workspace = context.topology.workspaceOf(entity.id);
  const [scope, setScope] = useState<string>(workspace?.armId ?? '');
  const [principal, setPrincipal] = useState<EntityId | ''>('');
  const scopeId = useId();
  const principalId = useId();
  const estate = context.estate;
  const scopes = useMemo(() => entitiesByKind(estate, (candidate) => 'armId' in candidate && !isPrincipalEntity(candidate)), [estate]);
  const principals = useMemo(() => entitiesByKind(estate, isPrincipalEntity), [estate]);

  const target = forPrincipal ? { principal: entity.id, scope } : { principal, scope: 'armId' in entity ? entity.armId : '' };
  const ready = role !== undefined && target.principal !== '' && target.scope !== '';
  const exists =
    ready &&
    estate.roleAssignments.some(
      (a) => a.principal === target.principal && a.role === role.id && scopeKey(a.scope) === scopeKey(target.scope),
    );

  return (
    <form
      className="space-y-2 rounded-lg border border-dashed border-slate-300 p-2.5 dark:border-slate-600"
      aria-label="Add a role assignment"
      data-testid="add-assignment"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready || target.principal === '') return;
        whatIf('addRoleAssignment', { principal: target.principal, role: role.id, scope: target.scope });
      }}
    >
      <p className="text-xs font-medium text-slate-700 dark:text-slate-300">What if… a role were assigned</p>
      {!forPrincipal && (
        <div className="space-y-0.5">
          <label htmlFor={principalId} className={LABEL}>
            Principal
          </label>
          <select id={principalId} value={principal} onChange={(event) => setPrincipal(event.target.value as EntityId | '')} className={SELECT}>
            <option value="">Choose…</option>
            <EntityOptions groups={principals} />
          </select>
        </div>
      )}
      <RolePicker catalog={context.rbac.catalog} value={role} onChange={setRole} />
      {forPrincipal && (
        <div className="space-y-0.5">
          <label htmlFor={scopeId} className={LABEL}>
            Scope
          </label>
          <select id={scopeId} value={scope} onChange={(event) => setScope(event.target.value)} className={SELECT}>
            <option value="">Choose…</option>
            <EntityOptions groups={scopes} value="armId" />
            <option value="/">Tenant root</option>
          </select>
        </div>
      )}
      <div className="flex items-center gap-2">
        <button type="submit" className={PRIMARY_SMALL_BUTTON} disabled={!ready || exists}>
          Add planned assignment
        </button>
        {exists && <span className="text-xs text-slate-500 dark:text-slate-400">That assignment exists already.</span>}
      </div>
    </form>
  );
}

/** Role assignments the entity holds (itself or through groups) and, for a scope, the ones others hold on it. */
export function AssignmentsSection({ entity, context }: { entity: Entity; context: AnalysisContext }) {
  const forPrincipal = isPrincipalEntity(entity);
  const armId = 'armId' in entity && !forPrincipal ? entity.armId : undefined;
  const held = useMemo(() => (forPrincipal ? context.rbac.assignmentsOf(entity.id) : []), [context, entity.id, forPrincipal]);
  const onIt = useMemo(() => (armId ? context.rbac.assignmentsAt(armId, { inherited: true }) : []), [context, armId]);
  const here = armId ? onIt.filter((a) => scopeKey(a.scope) === scopeKey(armId)) : [];
  const inherited = armId ? onIt.filter((a) => scopeKey(a.scope) !== scopeKey(armId)) : [];

  return (
    <section className="space-y-2" aria-labelledby="inspector-assignments">
      <h3 id="inspector-assignments" className={SECTION_TITLE}>
        Role assignments
      </h3>
      {forPrincipal && (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {held.length === 0 ? 'Holds no roles, itself or through a group.' : `Holds ${held.length} role assignment${held.length === 1 ? '' : 's'}:`}
          </p>
          <ul className="space-y-1">
            {held.map(({ assignment, viaGroups }) => (
              <AssignmentRow key={assignment.id} assignment={assignment} viaGroups={viaGroups} context={context} who="scope" />
            ))}
          </ul>
        </>
      )}
      {armId && (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {here.length === 0 ? 'Nobody holds a role assigned here.' : `Assigned here (${here.length}):`}
          </p>
          <ul className="space-y-1">
            {here.map((assignment) => (
              <AssignmentRow key={assignment.id} assignment={assignment} context={context} who="principal" />
            ))}
          </ul>
          {inherited.length > 0 && (
            <details className="space-y-1">
              <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">Inherited from above ({inherited.length})</summary>
              <ul className="mt-1 space-y-1">
                {inherited.map((assignment) => (
                  <AssignmentRow
                    key={assignment.id}
                    assignment={assignment}
                    context={context}
                    who="principal"
                    inheritedFrom={context.rbac.scopeLabel(assignment.scope)}
                  />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {(forPrincipal || armId) && <AddAssignment key={entity.id} entity={entity} context={context} />}
    </section>
  );
}
