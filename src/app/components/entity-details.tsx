import { KIND_PRESENTATION } from '../graph/entity-kinds';
import { useAppStore } from '../store/app-store';
import { selectSelectedEntity } from '../store/selectors';

/** What is known about the selected node; subscribes to that one entity, not to the estate. */
export function EntityDetails() {
  const entity = useAppStore(selectSelectedEntity);
  return (
    <section aria-labelledby="entity-details-title" className="space-y-2">
      <h2 id="entity-details-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Selected
      </h2>
      <div aria-live="polite">
        {entity ? (
          <dl className="space-y-1.5 text-sm">
            <dt className="sr-only">Kind</dt>
            <dd className="text-xs text-slate-500">{KIND_PRESENTATION[entity.kind].label}</dd>
            <dt className="sr-only">Name</dt>
            <dd className="font-semibold break-words text-slate-900">{entity.name}</dd>
            <dt className="sr-only">Id</dt>
            <dd>
              <code className="block font-mono text-[11px] break-all text-slate-600">{entity.id}</code>
            </dd>
            {entity.description && (
              <>
                <dt className="sr-only">Description</dt>
                <dd className="text-slate-700">{entity.description}</dd>
              </>
            )}
          </dl>
        ) : (
          <p className="text-sm text-slate-500">
            Click a node, or focus one and press Enter, to see what it is.
          </p>
        )}
      </div>
    </section>
  );
}
