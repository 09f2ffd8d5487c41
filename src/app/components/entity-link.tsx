import { memo } from 'react';
import type { EntityId } from '../../engine';
import { useAppStore } from '../store/app-store';
import type { AppState } from '../store/app-state';

const selectSelect = (state: AppState) => state.select;

/** An entity named in a panel: a button that selects it (and so shows it in the inspector and on the graph). */
export const EntityLink = memo(function EntityLink({ id, name, known = true }: { id: EntityId | string; name: string; known?: boolean }) {
  const select = useAppStore(selectSelect);
  if (!known) return <span className="font-medium break-words">{name}</span>;
  return (
    <button
      type="button"
      onClick={() => select({ kind: 'entity', id: id as EntityId })}
      className="rounded-sm text-left font-medium break-words text-blue-700 underline decoration-blue-300 decoration-dotted underline-offset-2 hover:decoration-solid dark:text-blue-300 dark:decoration-blue-500"
      title="Show in the inspector"
    >
      {name}
    </button>
  );
});
