import { useId, type ReactNode } from 'react';
import { useAppStore } from '../store/app-store';
import type { AppState } from '../store/app-state';
import type { Selection } from '../store/selection';
import { useScrollIntoViewWhenSelected } from './use-scroll-into-view';

/*
 * A list item that expands into its details when selected, shared by the findings and paths lists so that both
 * read and behave as one kind of control.
 */

const selectSelect = (state: AppState) => state.select;

/** The item's frame: highlighted while it is the selection. */
function expandableItemClass(selected: boolean): string {
  return `rounded-lg border ${
    selected
      ? 'border-blue-500 bg-blue-50/60 shadow-sm dark:border-blue-400 dark:bg-blue-950/30'
      : 'border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900'
  }`;
}

/** The row button that selects the item and so expands it. */
const EXPANDABLE_ITEM_BUTTON_CLASS =
  'flex w-full items-start gap-2 rounded-lg px-3 py-2 text-left hover:bg-slate-50 dark:hover:bg-slate-800/60';

/**
 * The item: a row button that selects it (or, when it is the selection, clears the selection), and its details
 * below while it is selected; brought into view when it becomes the selection elsewhere.
 */
export function ExpandableItem({
  selected,
  selection,
  data,
  summary,
  details,
}: {
  selected: boolean;
  /** What choosing the item selects. */
  selection: Selection;
  /** The item's `data-*` attributes, by which tests find it. */
  data: Record<`data-${string}`, string>;
  /** The row button's content. */
  summary: ReactNode;
  /** The details, given the id the row button points at. */
  details: (id: string) => ReactNode;
}) {
  const select = useAppStore(selectSelect);
  const detailsId = useId();
  const item = useScrollIntoViewWhenSelected(selected);
  return (
    <li ref={item} {...data} data-selected={selected || undefined} className={expandableItemClass(selected)}>
      <button
        type="button"
        aria-expanded={selected}
        aria-controls={selected ? detailsId : undefined}
        onClick={() => select(selected ? undefined : selection)}
        className={EXPANDABLE_ITEM_BUTTON_CLASS}
      >
        {summary}
      </button>
      {selected && details(detailsId)}
    </li>
  );
}
