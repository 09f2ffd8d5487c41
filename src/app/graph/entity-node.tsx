import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { VISUAL_KINDS } from './entity-kinds';
import type { EntityFlowNode } from './flow-elements';
import { GraphIcon } from './graph-icon';

/*
 * Memoised: React Flow re-renders its node wrappers on pan, zoom and selection, and with memo a node renders
 * again only when its own data changes (xyflow's NodeRenderer relies on this). Highlighting and dimming are
 * classes on the wrapper, set by flow-elements.ts, so they never re-render the node itself.
 */
export const EntityNodeView = memo(function EntityNodeView({ data }: NodeProps<EntityFlowNode>) {
  const { spec } = data;
  const kind = VISUAL_KINDS[spec.visual];
  return (
    <div
      data-testid={`node-${spec.entityId !== undefined ? entityKindTestId(spec.visual) : spec.visual}`}
      data-visual={spec.visual}
      data-entity-id={spec.entityId}
      className={`entity-card flex overflow-hidden h-full w-full items-center gap-2 rounded-lg border border-slate-300 bg-white px-2 shadow-sm dark:border-slate-600 dark:bg-slate-900 ${
        spec.small ? 'py-1' : 'py-1'
      }`}
    >
      {/* Edges need handles to attach to; nothing is connectable by hand, so they stay invisible. */}
      <Handle type="target" position={Position.Left} isConnectable={false} className="entity-handle" />
      <span
        aria-hidden="true"
        className={`graph-icon flex shrink-0 items-center justify-center rounded-md ring-1 ${kind.tone} ${spec.small ? 'h-7 w-7' : 'h-9 w-9'}`}
      >
        <GraphIcon kind={spec.visual} size={spec.small ? 15 : 18} />
      </span>
      <span className="min-w-0 flex-1 leading-tight">
        {/* The kind once, the name whole where it fits, the detail on its own line: nothing is cut mid-word to fit a line it shares. */}
        <span data-part="kind" className="graph-kind block truncate text-[11px] font-medium text-slate-500 dark:text-slate-400">
          {kind.label}
        </span>
        <span data-part="name" className="graph-name block truncate text-[13px] font-semibold text-slate-900 dark:text-slate-50" title={spec.name}>
          {spec.name}
        </span>
        {spec.detail && !spec.small && (
          <span data-part="detail" className="graph-detail block truncate text-[11px] text-slate-500 dark:text-slate-400" title={spec.detail}>
            {spec.detail}
          </span>
        )}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="entity-handle" />
    </div>
  );
});

/** Test ids name the entity kind (`node-compute`, `node-containerRegistry`), as the shell tests expect. */
function entityKindTestId(visual: string): string {
  switch (visual) {
    case 'computeCluster':
    case 'computeInstance':
    case 'kubernetesCompute':
      return 'compute';
    case 'workspaceRegistry':
    case 'privateRegistry':
      return 'containerRegistry';
    default:
      return visual;
  }
}
