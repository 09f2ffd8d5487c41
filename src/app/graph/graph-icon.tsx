import { memo } from 'react';
import { VISUAL_KINDS, type VisualKind } from './entity-kinds';

/** A kind's icon: inline SVG, decorative (the node's label names the kind for assistive technology). */
export const GraphIcon = memo(function GraphIcon({ kind, size = 18 }: { kind: VisualKind; size?: number }) {
  return (
    <svg
      aria-hidden="true"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={VISUAL_KINDS[kind].icon} />
    </svg>
  );
});
