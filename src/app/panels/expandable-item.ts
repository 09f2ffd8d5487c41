/*
 * The look of a list item that expands into its details when selected, shared by the findings and paths lists so
 * that both read as one kind of control.
 */

/** The item's frame: highlighted while it is the selection. */
export function expandableItemClass(selected: boolean): string {
  return `rounded-lg border ${
    selected
      ? 'border-blue-500 bg-blue-50/60 shadow-sm dark:border-blue-400 dark:bg-blue-950/30'
      : 'border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900'
  }`;
}

/** The row button that selects the item and so expands it. */
export const EXPANDABLE_ITEM_BUTTON_CLASS =
  'flex w-full items-start gap-2 rounded-lg px-3 py-2 text-left hover:bg-slate-50 dark:hover:bg-slate-800/60';
