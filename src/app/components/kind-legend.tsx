import { KIND_ORDER, KIND_PRESENTATION } from '../graph/entity-kinds';
import { EdgeLegend } from './edge-legend';

/** Explains the badges and edge colours; static, so it never re-renders. */
export function KindLegend() {
  return (
    <section aria-labelledby="kind-legend-title" className="space-y-2">
      <h2 id="kind-legend-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Legend
      </h2>
      <ul className="mb-3 grid grid-cols-2 gap-x-2 gap-y-1.5 text-xs text-slate-700">
        {KIND_ORDER.map((kind) => {
          const { badge, label, tone } = KIND_PRESENTATION[kind];
          return (
            <li key={kind} className="flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className={`w-9 shrink-0 rounded py-0.5 text-center text-[9px] font-bold ring-1 ${tone}`}
              >
                {badge}
              </span>
              {label}
            </li>
          );
        })}
      </ul>
      <EdgeLegend />
    </section>
  );
}
