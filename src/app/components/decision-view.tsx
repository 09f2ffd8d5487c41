import type { Decision, RbacIndex } from '../../engine';
import { TagBadge } from './badge';
import { decisionViewModel, type AssignedAt, type GrantRow } from './decision-model';

const VERDICT_STYLE: Record<Decision['effect'], string> = {
  allowed: 'bg-emerald-100 text-emerald-900 ring-emerald-600/40 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/40',
  conditional: 'bg-amber-100 text-amber-900 ring-amber-600/40 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/40',
  denied: 'bg-red-100 text-red-900 ring-red-600/40 dark:bg-red-950 dark:text-red-200 dark:ring-red-400/50',
};

const ORIGIN_LABEL = { observed: 'exported', planned: 'planned', automatic: 'made by Azure ML' } as const;

function Code({ children }: { children: string }) {
  return (
    <code className="rounded bg-slate-100 px-1 py-px font-mono text-[11px] break-all text-slate-800 dark:bg-slate-800 dark:text-slate-200">
      {children}
    </code>
  );
}

function Where({ at, viaGroups }: { at: AssignedAt; viaGroups: string[] }) {
  return (
    <span className="text-slate-600 dark:text-slate-400">
      {at.label}
      {viaGroups.length > 0 && (
        <>
          , through group <span className="font-medium text-slate-800 dark:text-slate-200">{viaGroups.join(' → ')}</span>
        </>
      )}
    </span>
  );
}

/** What a grant's ABAC condition comes to for the question, and why (the parts quoted). */
function ConditionLine({ grant }: { grant: GrantRow }) {
  if (grant.condition === undefined) return null;
  const verdict = grant.conditionVerdict;
  const why = verdict === undefined ? '' : verdict.because.join('; ');
  const lead =
    verdict === undefined
      ? 'Counts only where its condition holds: '
      : verdict.outcome === 'holds'
        ? `Its condition holds here, because ${why}. Condition: `
        : verdict.outcome === 'fails'
          ? `Its condition does not hold here, because ${why}. Condition: `
          : verdict.outcome === 'undecided'
            ? `Counts only where its condition holds, which this question leaves undecided, because ${why}. Condition: `
            : `Its condition could not be read (${why}); it is never taken as holding. Condition: `;
  return (
    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
      {lead}
      <Code>{grant.condition}</Code>
    </p>
  );
}

/**
 * An RBAC decision, readable: the verdict, the question, and every reason (each granting assignment with its
 * role, scope, group path and matched pattern; NotActions that took the action back out; a deny; unknown roles).
 * Shared by the findings, paths, inspector and explain panels so that a decision reads the same everywhere.
 */
export function DecisionView({
  decision,
  index,
  showQuestion = true,
}: {
  decision: Decision;
  index: RbacIndex;
  /** Leave out the question line where the surrounding text already states it. */
  showQuestion?: boolean;
}) {
  const model = decisionViewModel(decision, index);
  return (
    <div className="space-y-2 text-sm" data-testid="decision" data-effect={model.effect}>
      <div className="space-y-1">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className={`rounded px-1.5 py-0.5 text-xs font-bold ring-1 ${VERDICT_STYLE[model.effect]}`}>{model.verdict}</span>
          {showQuestion && (
            <span className="min-w-0 text-slate-700 dark:text-slate-300">
              <span className="font-medium text-slate-900 dark:text-slate-100">{model.principal}</span> at{' '}
              <span className="font-medium text-slate-900 dark:text-slate-100">{model.scope}</span>
            </span>
          )}
        </p>
        {showQuestion && (
          <p className="flex flex-wrap items-center gap-1.5">
            <Code>{model.action}</Code>
            <TagBadge>{model.plane === 'data' ? 'data action' : 'control action'}</TagBadge>
          </p>
        )}
      </div>

      {model.unknown.map((line) => (
        <p key={line} className="text-slate-700 dark:text-slate-300">
          {line}
        </p>
      ))}

      {model.deny && (
        <p className="rounded-md border border-red-200 bg-red-50 p-2 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200">
          Blocked by deny assignment <span className="font-semibold">{model.deny.name}</span> at {model.deny.scope}; its pattern{' '}
          <Code>{model.deny.pattern}</Code> matched{model.grants.length > 0 ? ', overriding the roles below' : ''}.
          {model.deny.because && ` Its condition holds here, because ${model.deny.because.join('; ')}.`}
        </p>
      )}

      {model.grants.length > 0 && (
        <ul className="space-y-1.5" aria-label={model.deny ? 'Roles that would otherwise grant it' : 'Roles that grant it'}>
          {model.grants.map((grant) => (
            <li
              key={grant.assignmentId}
              className="rounded-md border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-900"
            >
              <div className="flex flex-wrap items-center gap-1.5">
                <span className="font-semibold text-slate-900 dark:text-slate-100">{grant.role}</span>
                <TagBadge>{ORIGIN_LABEL[grant.origin]}</TagBadge>
                {grant.condition !== undefined && <TagBadge title={grant.condition}>with condition</TagBadge>}
              </div>
              <div className="mt-0.5 text-xs">
                <Where at={grant.assignedAt} viaGroups={grant.viaGroups} />; matched <Code>{grant.pattern}</Code>
              </div>
              <ConditionLine grant={grant} />
            </li>
          ))}
        </ul>
      )}

      {model.possibleDenies.map((deny) => (
        <p
          key={deny.name + deny.scope}
          className="rounded-md border border-amber-200 bg-amber-50 p-2 text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200"
        >
          May be blocked by deny assignment <span className="font-semibold">{deny.name}</span> at {deny.scope}; its pattern{' '}
          <Code>{deny.pattern}</Code> matched, and its condition is undecided here, because {deny.because.join('; ')}.
        </p>
      ))}

      {model.conditionsNotMet.length > 0 && (
        <ul className="space-y-1.5" aria-label="Roles whose condition does not hold here">
          {model.conditionsNotMet.map((grant) => (
            <li key={grant.assignmentId} className="rounded-md border border-dashed border-slate-300 p-2 text-xs dark:border-slate-600">
              <span className="font-semibold text-slate-900 dark:text-slate-100">{grant.role}</span>{' '}
              <Where at={grant.assignedAt} viaGroups={grant.viaGroups} /> would grant it through <Code>{grant.pattern}</Code>, but not here.
              <ConditionLine grant={grant} />
            </li>
          ))}
        </ul>
      )}

      {model.effect === 'denied' && !model.deny && model.unknown.length === 0 && model.conditionsNotMet.length === 0 && (
        <p className="text-slate-700 dark:text-slate-300">
          No role {model.principal} holds here or above grants this {model.plane === 'data' ? 'data action' : 'action'}.
        </p>
      )}

      {model.exclusions.length > 0 && (
        <ul className="space-y-1.5" aria-label="Roles whose exclusions take it back out">
          {model.exclusions.map((exclusion) => (
            <li
              key={exclusion.assignmentId}
              className="rounded-md border border-dashed border-slate-300 p-2 text-xs dark:border-slate-600"
            >
              <span className="font-semibold text-slate-900 dark:text-slate-100">{exclusion.role}</span>{' '}
              <Where at={exclusion.assignedAt} viaGroups={exclusion.viaGroups} /> would grant it through <Code>{exclusion.pattern}</Code>, but
              its own NotActions <Code>{exclusion.notPattern}</Code> take it back out.
            </li>
          ))}
        </ul>
      )}

      {model.unresolvedRoles.map((role) => (
        <p key={role.roleId + role.assignedAt.label} className="text-xs text-slate-600 dark:text-slate-400">
          Role <Code>{role.roleId}</Code> (<Where at={role.assignedAt} viaGroups={role.viaGroups} />) is not in the catalog, so it
          counts for nothing.
        </p>
      ))}

      {model.notes.map((note) => (
        <p key={note} className="text-xs text-slate-600 dark:text-slate-400">
          {note}
        </p>
      ))}
    </div>
  );
}
