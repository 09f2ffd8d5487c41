/** Explains edge colours, which carry the relation where the graph leaves labels out. */
const EDGES = [
  { label: 'Role assignment (exported)', stroke: 'stroke-blue-600', dashed: false },
  { label: 'Role assignment (planned or automatic)', stroke: 'stroke-blue-600', dashed: true },
  { label: 'Has identity', stroke: 'stroke-violet-500', dashed: false },
  { label: 'Depends on', stroke: 'stroke-emerald-600', dashed: false },
  { label: 'Belongs to', stroke: 'stroke-slate-400', dashed: false },
] as const;

export function EdgeLegend() {
  return (
    <ul className="space-y-1.5 text-xs text-slate-700">
      {EDGES.map(({ label, stroke, dashed }) => (
        <li key={label} className="flex items-center gap-2">
          <svg aria-hidden="true" width="36" height="8" className="shrink-0">
            <line
              x1="1"
              y1="4"
              x2="35"
              y2="4"
              strokeWidth="2"
              strokeDasharray={dashed ? '5 4' : undefined}
              className={stroke}
            />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}
