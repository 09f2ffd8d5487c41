import { memo } from 'react';
import type { PathStatus } from '../../engine';
import { PATH_STATUS_ORDER, PATH_STATUS_PRESENTATION } from '../components/path-status';
import { VISUAL_KIND_ORDER, VISUAL_KINDS } from './entity-kinds';
import { GraphIcon } from './graph-icon';

/** Edge styles, drawn with the same classes the graph uses so the legend cannot drift from it. */
const RELATIONS: readonly { label: string; className: string }[] = [
  { label: 'Has identity (resource → the identity it uses)', className: 'rel-hasIdentity' },
  { label: 'Uses (workspace → its storage, vault, registry…)', className: 'rel-dependsOn' },
  { label: 'Runs on (job or step → compute)', className: 'rel-runsOn' },
  { label: 'Member of (→ group)', className: 'rel-memberOf' },
  { label: 'Role assignment, exported from Azure', className: 'rel-roleAssignment origin-observed' },
  { label: 'Role assignment, planned', className: 'rel-roleAssignment origin-planned' },
  { label: 'Role assignment Azure ML makes by itself', className: 'rel-roleAssignment origin-automatic' },
];

const CHANGE_BADGES = { added: '+ added', removed: '− removed', changed: '~ changed' } as const;
const CHANGES: readonly { kind: keyof typeof CHANGE_BADGES; label: string }[] = [
  { kind: 'added', label: 'only in the after estate: thick outline and line' },
  { kind: 'removed', label: 'only in the before estate: faded, dashed' },
  { kind: 'changed', label: 'in both, but different (settings, outcome, identity)' },
];

function Line({ className, status }: { className: string; status?: PathStatus }) {
  return (
    <svg aria-hidden="true" width="40" height="10" className={`legend-line shrink-0 ${className}`}>
      <path d="M1 5 H39" style={status ? { stroke: PATH_STATUS_PRESENTATION[status].color } : undefined} />
    </svg>
  );
}

/** What every node and edge style means. Static: it never re-renders with the graph. */
export const GraphLegend = memo(function GraphLegend({ comparing = false }: { comparing?: boolean }) {
  return (
    <div className="graph-legend max-h-[min(70vh,560px)] w-80 space-y-3 overflow-y-auto rounded-lg border border-slate-200 bg-white/95 p-3 text-xs text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-200">
      {comparing && (
        <section aria-labelledby="legend-changes" data-testid="legend-changes">
          <h3 id="legend-changes" className="mb-1.5 font-semibold text-slate-900 dark:text-slate-50">
            Comparing two estates
          </h3>
          <p className="mb-1.5 text-slate-500 dark:text-slate-400">
            The graph draws the after estate, plus what only the before estate had.
          </p>
          <ul className="space-y-1">
            {CHANGES.map(({ kind, label }) => (
              <li key={kind} className="flex items-center gap-2">
                <Line className={`change-${kind}`} />
                <span className={`change-badge change-${kind} shrink-0`}>{CHANGE_BADGES[kind]}</span>
                <span>{label}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="legend-paths">
        <h3 id="legend-paths" className="mb-1.5 font-semibold text-slate-900 dark:text-slate-50">
          Access paths (who reaches what, coloured by outcome)
        </h3>
        <ul className="space-y-1">
          {PATH_STATUS_ORDER.map((status) => (
            <li key={status} className="flex items-center gap-2" title={PATH_STATUS_PRESENTATION[status].meaning}>
              <Line className={`rel-accessPath status-${status}`} status={status} />
              <span>
                <span className="font-medium">{PATH_STATUS_PRESENTATION[status].label}</span>: {PATH_STATUS_PRESENTATION[status].meaning}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="legend-links">
        <h3 id="legend-links" className="mb-1.5 font-semibold text-slate-900 dark:text-slate-50">
          Links
        </h3>
        <ul className="space-y-1">
          {RELATIONS.map(({ label, className }) => (
            <li key={label} className="flex items-center gap-2">
              <Line className={className} />
              {label}
            </li>
          ))}
        </ul>
        <p className="mt-1.5 text-slate-500 dark:text-slate-400">
          A link into a closed box goes to the box, with a count when several meet.
        </p>
      </section>
      <section aria-labelledby="legend-nodes">
        <h3 id="legend-nodes" className="mb-1.5 font-semibold text-slate-900 dark:text-slate-50">
          Things
        </h3>
        <ul className="grid grid-cols-1 gap-1">
          {VISUAL_KIND_ORDER.map((kind) => (
            <li key={kind} className="flex items-center gap-2">
              <span aria-hidden="true" className={`flex h-6 w-6 shrink-0 items-center justify-center rounded ring-1 ${VISUAL_KINDS[kind].tone}`}>
                <GraphIcon kind={kind} size={14} />
              </span>
              <span>
                <span className="font-medium">{VISUAL_KINDS[kind].label}</span>
                <span className="text-slate-500 dark:text-slate-400"> · {VISUAL_KINDS[kind].hint}</span>
              </span>
            </li>
          ))}
        </ul>
        <p className="mt-1.5 text-slate-500 dark:text-slate-400">
          Management groups, subscriptions, resource groups and workspaces are boxes around what they hold: dashed
          when open, solid when closed. An empty slot under a compute or endpoint is where its system identity goes.
        </p>
      </section>
    </div>
  );
});
