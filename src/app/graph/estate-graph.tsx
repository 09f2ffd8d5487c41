import {
  Background,
  Controls,
  MarkerType,
  Panel,
  ReactFlow,
  type DefaultEdgeOptions,
  type NodeTypes,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import { useAppStore } from '../store/app-store';
import { selectDocumentVersion, selectEstate, selectSelectEntity } from '../store/selectors';
import { EntityNodeView } from './entity-node';
import { buildGraphModel, type EntityNode, type GraphModel, type RelationEdge } from './graph-model';

// Outside any component: a new nodeTypes object on each render makes React Flow remount every node.
const nodeTypes = { entity: EntityNodeView } satisfies NodeTypes;

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  focusable: false,
  labelBgPadding: [4, 2],
  labelBgBorderRadius: 4,
};

/** The estate as a graph. The only view that needs the whole estate: it derives the graph model from it. */
export function EstateGraph() {
  const estate = useAppStore(selectEstate);
  const documentVersion = useAppStore(selectDocumentVersion);
  const model = useMemo(() => (estate ? buildGraphModel(estate) : undefined), [estate]);
  if (!model) return null;
  // React Flow keeps node positions as its own state (uncontrolled), so a newly opened document remounts it.
  return <GraphCanvas key={documentVersion} model={model} />;
}

function GraphCanvas({ model }: { model: GraphModel }) {
  const selectEntity = useAppStore(selectSelectEntity);
  const onSelectionChange = useCallback(
    ({ nodes }: OnSelectionChangeParams<EntityNode, RelationEdge>) => selectEntity(nodes[0]?.data.entityId),
    [selectEntity],
  );

  return (
    <ReactFlow<EntityNode, RelationEdge>
      defaultNodes={model.nodes}
      defaultEdges={model.edges}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onSelectionChange={onSelectionChange}
      nodesConnectable={false}
      fitView
      fitViewOptions={{ padding: 0.15 }}
      minZoom={0.1}
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} />
      <Panel position="top-left">
        <p className="rounded-md bg-white/90 px-2.5 py-1 text-xs text-slate-600 shadow-sm ring-1 ring-slate-200">
          {model.nodes.length} entities · {model.edges.length} links
          {model.unplacedAssignments > 0 &&
            ` · ${model.unplacedAssignments} role assignment${model.unplacedAssignments === 1 ? '' : 's'} on scopes outside this estate not drawn`}
        </p>
      </Panel>
    </ReactFlow>
  );
}
