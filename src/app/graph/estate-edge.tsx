import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { createPortal } from 'react-dom';
import type { FlowEdge } from './flow-elements';
import { EdgeLabelLayerContext } from './graph-context';
import { LABEL_HEIGHT, routePath } from './routing';

/*
 * Every edge of the estate graph. React Flow's own labels are SVG text that it measures with getBBox() after
 * each render and then renders again with the size; with a few hundred labels that was most of the long
 * task after a draw. Here the label is an HTML box laid out by the browser, so nothing is measured and one
 * render is enough (in React Flow's label layer, as its EdgeLabelRenderer would; see graph-context.ts). The edge's aria-label (on React Flow's wrapper) carries the words for screen readers, so
 * the visible box is hidden from them rather than read twice.
 */
function EstateEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  label,
  style,
  markerEnd,
  interactionWidth,
  data,
}: EdgeProps<FlowEdge>) {
  const layer = useContext(EdgeLabelLayerContext);
  const route = data?.route;
  // A routed edge runs around the boxes (routing.ts); its label goes where the router found room, or nowhere.
  const [bezier, bezierX, bezierY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const path = route ? routePath(route.points) : bezier;
  const labelX = route ? route.label?.x : bezierX;
  const labelY = route ? route.label?.y : bezierY;
  return (
    <>
      {/* The label as a tooltip: zoomed out, where labels are hidden as too small to read, hovering still names the edge. */}
      {typeof label === 'string' && label !== '' && <title>{label}</title>}
      <BaseEdge
        path={path}
        {...(style ? { style } : {})}
        {...(markerEnd !== undefined ? { markerEnd } : {})}
        {...(interactionWidth !== undefined ? { interactionWidth } : {})}
      />
      {layer !== null &&
        label !== undefined &&
        label !== null &&
        label !== '' &&
        labelX !== undefined &&
        labelY !== undefined &&
        createPortal(
          <div
            aria-hidden="true"
            // react-flow__edge-text: the class React Flow's own labels had, kept so that styles and tests find it.
            className={`graph-edge-label react-flow__edge-text ${data?.labelClass ?? ''}`}
            data-edge-id={id}
            style={{
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              ...(route?.labelWidth !== undefined ? { width: route.labelWidth, height: LABEL_HEIGHT } : {}),
            }}
          >
            {label}
          </div>,
          layer,
        )}
    </>
  );
}

/** The edge component for every edge type the graph draws (see `edgeTypes` in estate-graph.tsx). */
export const EstateEdge = memo(EstateEdgeView);
