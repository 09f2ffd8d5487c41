import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { VISUAL_KINDS } from './entity-kinds';
import type { ContainerFlowNode } from './flow-elements';
import { GraphIcon } from './graph-icon';
import { pluralLabel } from './groups';
import { useGraphActions } from './graph-context';

/** A scope or a workspace drawn as a box around what it holds, with a button to close or open it. Memoised like the entity nodes. */
export const ContainerNodeView = memo(function ContainerNodeView({ id, data }: NodeProps<ContainerFlowNode>) {
  const { spec, collapsed, descendants } = data;
  const kind = VISUAL_KINDS[spec.visual];
  const { toggleCollapsed } = useGraphActions();
  const workspace = spec.visual === 'workspace';
  return (
    <div
      data-testid={`node-${spec.visual === 'principals' ? 'principals' : spec.visual}`}
      data-container={spec.visual}
      data-entity-id={spec.entityId}
      data-collapsed={collapsed ? 'true' : 'false'}
      className={`container-box h-full w-full rounded-xl border ${
        workspace
          ? 'border-blue-300 bg-blue-50/60 dark:border-blue-700 dark:bg-blue-950/40'
          : spec.visual === 'principals'
            ? 'border-sky-200 bg-sky-50/50 dark:border-sky-800 dark:bg-sky-950/30'
            : 'border-slate-300 bg-slate-100/50 dark:border-slate-700 dark:bg-slate-900/40'
      } ${collapsed ? 'shadow-sm' : 'border-dashed'}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="entity-handle container-handle" />
      <div className="container-header flex h-11 items-center gap-2 overflow-hidden px-2.5">
        <span aria-hidden="true" className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-md ring-1 ${kind.tone}`}>
          <GraphIcon kind={spec.visual} size={16} />
        </span>
        <span className="min-w-0 flex-1 leading-tight">
          <span data-part="kind" className="graph-kind block truncate text-[11px] font-medium text-slate-500 dark:text-slate-400">
            {/* A summary box says what it holds ("Compute clusters" over "11 clusters"); its count is its name. */}
            {spec.group !== undefined
              ? pluralLabel(spec.visual)
              : `${kind.label}${collapsed ? ` · ${descendants} inside` : worthSaying(kind.label, spec.name, spec.detail) ? ` · ${spec.detail}` : ''}`}
          </span>
          <span data-part="name" className="graph-name block truncate text-[13px] font-semibold text-slate-900 dark:text-slate-50" title={spec.name}>
            {spec.name}
          </span>
        </span>
        {descendants > 0 && (
          <button
            type="button"
            // nodrag/nopan: a click on the button must not start a pan or select the box.
            className="nodrag nopan flex h-7 w-7 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
            aria-expanded={!collapsed}
            aria-label={`${collapsed ? 'Open' : 'Close'} ${kind.label.toLowerCase()} ${spec.name}`}
            title={collapsed ? `Show the ${descendants} things inside` : 'Close to a single box'}
            onClick={(event) => {
              event.stopPropagation();
              toggleCollapsed(id);
            }}
          >
            <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
              <path d={collapsed ? 'M9 6l6 6-6 6' : 'M6 9l6 6 6-6'} />
            </svg>
          </button>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="entity-handle container-handle" />
    </div>
  );
});

/**
 * Whether a detail adds to the header: not when it is the name again, nor when it repeats the kind
 * ("Subscription · Subscription 0", "Management group · Tenant Root Group" say the kind twice).
 */
function worthSaying(kind: string, name: string, detail: string | undefined): detail is string {
  if (detail === undefined || detail === '' || detail === name) return false;
  const words = new Set(kind.toLowerCase().split(/[^a-z]+/).filter((word) => word.length > 3));
  return !detail.toLowerCase().split(/[^a-z]+/).some((word) => words.has(word));
}
