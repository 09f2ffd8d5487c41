/** Class strings shared by the panels' form controls and headings, so every panel looks of a piece. */
export const INPUT =
  'h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500';
export const SELECT =
  'h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100';
export const LABEL = 'text-xs font-medium text-slate-600 dark:text-slate-300';
export const SECTION_TITLE = 'text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400';
export const SMALL_BUTTON =
  'inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-45 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';
export const PRIMARY_SMALL_BUTTON =
  'inline-flex items-center gap-1 rounded-md bg-blue-600 px-2.5 py-1 text-xs font-semibold text-white hover:bg-blue-700 disabled:cursor-not-allowed disabled:opacity-45 dark:bg-blue-600 dark:hover:bg-blue-700';
export const CODE = 'rounded bg-slate-100 px-1 py-px font-mono text-[11px] break-all text-slate-800 dark:bg-slate-800 dark:text-slate-200';
