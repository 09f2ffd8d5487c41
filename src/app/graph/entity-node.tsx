import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KIND_PRESENTATION } from './entity-kinds';
import type { EntityNode } from './graph-model';

/*
 * Memoised because React Flow re-renders the node list on every pan, zoom and drag: with memo a node
 * re-renders only when its own data or selection changes (xyflow's NodeRenderer relies on this).
 */
export const EntityNodeView = memo(function EntityNodeView({ data, selected }: NodeProps<EntityNode>) {
  const kind = KIND_PRESENTATION[data.kind];
  return (
    <div
      data-testid={`node-${data.kind}`}
      data-entity-id={data.entityId}
      className={`flex w-56 items-center gap-2.5 rounded-lg border bg-white px-2.5 py-2 shadow-sm transition-shadow ${
        selected ? 'border-blue-500 shadow-md ring-2 ring-blue-500/40' : 'border-slate-300'
      }`}
    >
      {/* Edges need handles to attach to; nothing is connectable, so they stay invisible. */}
      <Handle type="target" position={Position.Left} isConnectable={false} className="entity-handle" />
      <span
        aria-hidden="true"
        className={`flex h-8 w-10 shrink-0 items-center justify-center rounded-md text-[10px] font-bold tracking-wide ring-1 ${kind.tone}`}
      >
        {kind.badge}
      </span>
      <span className="min-w-0 leading-tight">
        <span className="block text-[10px] font-medium uppercase tracking-wide text-slate-500">
          {kind.label}
        </span>
        <span className="block truncate text-sm font-semibold text-slate-900" title={data.name}>
          {data.name}
        </span>
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="entity-handle" />
    </div>
  );
});
