/** The tour list's floating box, shared by the list and the note shown while the tours load. */
export const TOUR_LIST_BOX =
  'fixed z-50 max-h-[75vh] w-[26rem] overflow-y-auto rounded-xl border border-slate-200 bg-white p-3 shadow-xl dark:border-slate-700 dark:bg-slate-900';
