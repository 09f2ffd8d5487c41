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
      className={`entity-card flex h-full w-full items-center gap-2 rounded-lg border border-slate-300 bg-white px-2 shadow-sm dark:border-slate-600 dark:bg-slate-900 ${
        spec.small ? 'py-1' : 'py-1.5'
      }`}
    >
      {/* Edges need handles to attach to; nothing is connectable by hand, so they stay invisible. */}
      <Handle type="target" position={Position.Left} isConnectable={false} className="entity-handle" />
      <span
        aria-hidden="true"
        className={`flex shrink-0 items-center justify-center rounded-md ring-1 ${kind.tone} ${spec.small ? 'h-7 w-7' : 'h-9 w-9'}`}
      >
        <GraphIcon kind={spec.visual} size={spec.small ? 15 : 18} />
      </span>
      <span className="min-w-0 flex-1 leading-tight">
        <span className="block truncate text-[10px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
          {spec.detail && !spec.small ? `${kind.label} · ${spec.detail}` : kind.label}
        </span>
        <span className="block truncate text-[13px] font-semibold text-slate-900 dark:text-slate-50" title={spec.name}>
          {spec.name}
        </span>
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
